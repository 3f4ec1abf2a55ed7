using Bourse.BackOfficeApi.Hosting;
using Bourse.LocalHost.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBourseLocalHost(builder.Configuration);
if (builder.Configuration.GetValue<bool>("LocalHost:ExitWithStandardInput"))
{
    builder.Services.AddHostedService<StandardInputWatcher>();
}

var app = builder.Build();
app.MapBourseBackOfficeApi();
app.Lifetime.ApplicationStarted.Register(() => Console.Out.WriteLine($"bourse-localhost ready on {string.Join(' ', app.Urls)}"));
await app.RunAsync().ConfigureAwait(false);

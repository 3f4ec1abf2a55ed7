using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bourse.EngineHost.Configuration;

/// <summary>
/// Reads <see cref="EngineHostOptions"/> the way the host does: a JSON file, then environment variables over it
/// (<c>EngineHost__Shards__0__Cpu=3</c>). A key that no option reads is an error (a misspelt key would otherwise keep
/// its default silently, see <see cref="UnknownSettings"/>), so is a value that does not convert (the binder would drop
/// the whole list item silently), and so is every failure of <see cref="EngineHostOptionsValidator"/>.
/// </summary>
internal static class EngineHostConfiguration
{
    /// <summary>The configuration the host would see with <paramref name="jsonPath"/> as its settings file.</summary>
    /// <param name="jsonPath">The settings file; it must exist.</param>
    /// <param name="includeEnvironment">Whether environment variables override the file (the host's behaviour).</param>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file is not JSON (the inner exceptions say where).</exception>
    public static IConfigurationRoot Build(string jsonPath, bool includeEnvironment = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(jsonPath);
        IConfigurationBuilder builder = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(jsonPath), optional: false, reloadOnChange: false);
        if (includeEnvironment)
        {
            builder.AddEnvironmentVariables();
        }

        return builder.Build();
    }

    /// <summary>Binds section <c>EngineHost</c> of <paramref name="configuration"/> and validates the result.</summary>
    /// <exception cref="OptionsValidationException">The section is missing, a key is unknown, a value does not convert,
    /// or the options are invalid; <see cref="OptionsValidationException.Failures"/> lists the problems.</exception>
    public static EngineHostOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        IConfigurationSection section = configuration.GetSection(EngineHostOptions.SectionName);
        if (!section.Exists())
        {
            throw Failure([$"the configuration has no '{EngineHostOptions.SectionName}' section"]);
        }

        var options = new EngineHostOptions();
        BindInto(section, options);
        IReadOnlyList<string> failures = EngineHostOptionsValidator.Check(options);
        return failures.Count == 0 ? options : throw Failure(failures);
    }

    /// <summary><see cref="Build"/> then <see cref="Bind"/>.</summary>
    public static EngineHostOptions Load(string jsonPath, bool includeEnvironment = true) =>
        Bind(Build(jsonPath, includeEnvironment));

    /// <summary>
    /// Registers <see cref="EngineHostOptions"/> bound from <paramref name="configuration"/> (section <c>EngineHost</c>),
    /// checked by <see cref="EngineHostOptionsValidator"/> when the host starts (<c>ValidateOnStart</c>), not at first
    /// use. The options are read once: the shard layout does not change under a running host.
    /// </summary>
    public static IServiceCollection AddEngineHostOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        IConfigurationSection section = configuration.GetSection(EngineHostOptions.SectionName);
        services.AddSingleton<IValidateOptions<EngineHostOptions>, EngineHostOptionsValidator>();
        services.AddOptions<EngineHostOptions>().Configure(options => BindInto(section, options)).ValidateOnStart();
        return services;
    }

    /// <exception cref="OptionsValidationException">A key is unknown or a value does not convert.</exception>
    private static void BindInto(IConfigurationSection section, EngineHostOptions options)
    {
        IReadOnlyList<string> unknown = UnknownSettings.Find(section, typeof(EngineHostOptions));
        if (unknown.Count > 0)
        {
            throw Failure(unknown);
        }

        try
        {
            // Without ErrorOnUnknownConfiguration the binder drops a list item whose value does not convert, silently.
            section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            // The innermost InvalidOperationException names the key: "Failed to convert configuration value 'x' at
            // 'EngineHost:Shards:1:Cpu' to type 'System.Int32'."
            Exception inner = e;
            while (inner.InnerException is InvalidOperationException next)
            {
                inner = next;
            }

            throw Failure([inner.Message]);
        }
    }

    private static OptionsValidationException Failure(IEnumerable<string> failures) =>
        new(Options.DefaultName, typeof(EngineHostOptions), failures);
}

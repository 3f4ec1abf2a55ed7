using Microsoft.Extensions.Options;

namespace Bourse.Domain.Tests.Support;

/// <summary>An <see cref="IOptionsMonitor{TOptions}"/> whose value a test sets; <see cref="Fail"/> makes reads throw as an
/// invalid reload does.</summary>
internal sealed class MutableOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    private readonly List<Action<T, string?>> _listeners = [];
    private Exception? _failure;

    public T CurrentValue => _failure is null ? value : throw _failure;

    public T Get(string? name) => CurrentValue;

    public void Set(T newValue)
    {
        value = newValue;
        _failure = null;
        foreach (Action<T, string?> listener in _listeners)
        {
            listener(newValue, Options.DefaultName);
        }
    }

    public void Fail(Exception failure) => _failure = failure;

    public IDisposable? OnChange(Action<T, string?> listener)
    {
        _listeners.Add(listener);
        return null;
    }
}

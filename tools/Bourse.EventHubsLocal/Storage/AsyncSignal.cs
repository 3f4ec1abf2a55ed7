namespace Bourse.EventHubsLocal.Storage;

/// <summary>
/// An auto-reset event for one waiter: <see cref="Set"/> wakes the waiter, or the next call to <see cref="WaitAsync"/>
/// if nobody waits yet, so a wake-up that arrives between "checked, nothing to do" and "wait" is not lost.
/// </summary>
internal sealed class AsyncSignal
{
    private readonly object _lock = new();
    private TaskCompletionSource? _waiter;
    private bool _isSet;

    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            waiter = _waiter;
            _waiter = null;
            _isSet = waiter is null;
        }

        // Continuations run asynchronously: the setter (an append, an I/O callback) must not run the waiter's loop.
        waiter?.TrySetResult();
    }

    public Task WaitAsync()
    {
        lock (_lock)
        {
            if (_isSet)
            {
                _isSet = false;
                return Task.CompletedTask;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task;
        }
    }
}

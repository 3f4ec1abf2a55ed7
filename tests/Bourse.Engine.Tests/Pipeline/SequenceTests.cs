using Bourse.Engine.Pipeline;

namespace Bourse.Engine.Tests.Pipeline;

[Collection(PipelineThreads.Name)]
public sealed class SequenceTests
{
    [Fact]
    public void New_sequence_starts_at_minus_one()
    {
        Assert.Equal(-1, new Sequence().Value);
        Assert.Equal(Sequence.InitialValue, new Sequence().Value);
    }

    [Fact]
    public void New_sequence_with_a_value_starts_there()
    {
        Assert.Equal(42, new Sequence(42).Value);
    }

    [Fact]
    public void SetValue_and_SetValueVolatile_are_read_back()
    {
        var sequence = new Sequence();
        sequence.SetValue(7);
        Assert.Equal(7, sequence.Value);
        sequence.SetValueVolatile(9);
        Assert.Equal(9, sequence.Value);
    }

    [Fact]
    public void CompareAndSet_with_the_expected_value_swaps()
    {
        var sequence = new Sequence(3);
        Assert.True(sequence.CompareAndSet(3, 4));
        Assert.Equal(4, sequence.Value);
    }

    [Fact]
    public void CompareAndSet_with_another_value_changes_nothing()
    {
        var sequence = new Sequence(3);
        Assert.False(sequence.CompareAndSet(2, 4));
        Assert.Equal(3, sequence.Value);
    }

    [Fact]
    public void IncrementAndGet_and_AddAndGet_return_the_new_value()
    {
        var sequence = new Sequence(0);
        Assert.Equal(1, sequence.IncrementAndGet());
        Assert.Equal(11, sequence.AddAndGet(10));
        Assert.Equal(11, sequence.Value);
    }

    [Fact]
    public void IncrementAndGet_from_two_threads_loses_no_increment()
    {
        const int PerThread = 200_000;
        var sequence = new Sequence(0);
        Parallel.For(0, 2, _ =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                sequence.IncrementAndGet();
            }
        });

        Assert.Equal(2 * PerThread, sequence.Value);
    }

    [Fact]
    public void ToString_is_the_value()
    {
        Assert.Equal("-1", new Sequence().ToString());
    }
}

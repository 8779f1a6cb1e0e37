namespace Iomt.Clinical.Tests;

/// <summary>Measures what streaming code allocates on the test's thread.</summary>
internal static class Allocations
{
    /// <summary>
    /// Bytes allocated on this thread by the work <paramref name="prepare"/> returns, the fewer of two runs;
    /// <paramref name="prepare"/> builds fresh state and warms it up, and is not counted. The code measured is deterministic,
    /// so an allocation it makes shows in both runs; a one-off allocation the runtime makes on the thread while the loop
    /// runs (seen once in about twenty full test runs, in a detector that allocates nothing itself) does not.
    /// </summary>
    public static long Of(Func<Action> prepare)
    {
        var fewest = long.MaxValue;
        for (var run = 0; run < 2; run++)
        {
            var work = prepare();
            var before = GC.GetAllocatedBytesForCurrentThread();
            work();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}

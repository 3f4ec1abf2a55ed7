// Each test class starts a whole local back office (emulators, engine host, local host); two at once on a two-core
// machine only make both slow.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Engines, Azurite and the simulator are shared, and some tests count what a simulator saw in flight:
// one test at a time keeps those counts about the test that made them.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

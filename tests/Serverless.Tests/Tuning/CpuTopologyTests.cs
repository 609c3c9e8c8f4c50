using Serverless.Local.Tuning;
using Xunit;

namespace Serverless.Tests.Tuning;

public sealed class CpuTopologyTests
{
    // Two cores with two SMT threads each: processors 0/2 share core 0, 1/3 share core 1.
    const string SmtCpuInfo = """
        processor	: 0
        physical id	: 0
        core id		: 0

        processor	: 1
        physical id	: 0
        core id		: 1

        processor	: 2
        physical id	: 0
        core id		: 0

        processor	: 3
        physical id	: 0
        core id		: 1

        """;

    [Fact]
    public void Smt_siblings_count_as_one_physical_core()
    {
        IReadOnlyList<CpuCore> cores = CpuTopology.ParseCpuInfo(SmtCpuInfo);

        Assert.Equal(4, cores.Count);
        Assert.Equal(2, CpuTopology.CountPhysical(cores, allowed: null));
    }

    [Fact]
    public void Only_cpus_the_process_may_use_are_counted()
    {
        IReadOnlyList<CpuCore> cores = CpuTopology.ParseCpuInfo(SmtCpuInfo);

        Assert.Equal(1, CpuTopology.CountPhysical(cores, new HashSet<int> { 0, 2 }));
        Assert.Equal(2, CpuTopology.CountPhysical(cores, new HashSet<int> { 0, 3 }));
    }

    [Fact]
    public void Same_core_id_on_another_package_is_another_core()
    {
        IReadOnlyList<CpuCore> cores = [new(0, 0, 0), new(1, 1, 0)];
        Assert.Equal(2, CpuTopology.CountPhysical(cores, null));
    }

    [Fact]
    public void Cpus_allowed_list_ranges_are_expanded()
    {
        IReadOnlySet<int>? allowed = CpuTopology.ParseAllowedCpus("Name:\tdotnet\nCpus_allowed:\tf0b\nCpus_allowed_list:\t0-3,8,10-11\n");

        Assert.Equal([0, 1, 2, 3, 8, 10, 11], allowed!.Order());
    }

    [Fact]
    public void Unknown_topology_gives_no_physical_count()
    {
        Assert.Null(CpuTopology.CountPhysical(CpuTopology.ParseCpuInfo("processor\t: 0\nmodel name\t: ARM\n"), null));
    }

    [Fact]
    public void This_machine_reports_at_least_one_logical_and_no_more_physical_than_allowed()
    {
        CpuTopology topology = CpuTopology.Detect();

        Assert.Equal(Environment.ProcessorCount, topology.Logical);
        if (topology.Physical is { } physical && topology.AllowedCpus is { } allowed)
        {
            Assert.InRange(physical, 1, allowed);
        }
    }
}

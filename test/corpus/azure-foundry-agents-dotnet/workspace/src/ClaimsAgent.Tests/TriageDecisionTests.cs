using Contoso.ClaimsAgent.Services;
using Xunit;

namespace Contoso.ClaimsAgent.Tests;

public class TriageDecisionTests
{
    [Fact]
    public void RecordsAreValueEqual()
    {
        var a = new TriageDecision("c-1", "standard", "looks fine");
        var b = new TriageDecision("c-1", "standard", "looks fine");
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("standard")]
    [InlineData("special-investigations")]
    public void KeepsQueue(string queue)
    {
        Assert.Equal(queue, new TriageDecision("c-2", queue, "").Queue);
    }
}

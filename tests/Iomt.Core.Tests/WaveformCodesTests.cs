using Iomt.Core.Measurements;
using Iomt.Core.Waveforms;

namespace Iomt.Core.Tests;

public sealed class WaveformCodesTests
{
    [Fact]
    public void The_ecg_leads_listed_are_the_ones_recognised_and_no_others()
    {
        Assert.Equal(128, WaveformCodes.EcgLeads.Count);
        Assert.Equal(ObservationCode.Mdc("131328"), WaveformCodes.EcgLeads[0]);
        Assert.Equal(ObservationCode.Mdc("131455"), WaveformCodes.EcgLeads[^1]);
        Assert.Contains(WaveformCodes.EcgLeadII, WaveformCodes.EcgLeads);
        Assert.All(WaveformCodes.EcgLeads, c => Assert.True(WaveformCodes.IsEcgLead(c)));

        // Just outside, another system, or the same number written otherwise: analysed neither live nor at a resume.
        Assert.False(WaveformCodes.IsEcgLead(ObservationCode.Mdc("131327")));
        Assert.False(WaveformCodes.IsEcgLead(ObservationCode.Mdc("131456")));
        Assert.False(WaveformCodes.IsEcgLead(ObservationCode.Mdc("0131330")));
        Assert.False(WaveformCodes.IsEcgLead(new ObservationCode("http://loinc.org", "131330")));
    }
}

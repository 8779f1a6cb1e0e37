using Iomt.Clinical.Ecg.Wfdb;

namespace Iomt.Clinical.Tests.Ecg;

public class SignalNamesTests
{
    [Theory]
    [InlineData("MLII")]
    [InlineData("V1")]
    [InlineData("V5")]
    [InlineData("ECG")]
    [InlineData("ECG1")]
    [InlineData("ECG II")]
    [InlineData("EKG")]
    [InlineData("II")]
    [InlineData("III")]
    [InlineData("aVR")]
    [InlineData("-aVR")]
    [InlineData("lead I")]
    [InlineData("CM5")]
    [InlineData("MCL1")]
    [InlineData("D3")]
    public void Ecg_leads_are_named_as_such(string description) => Assert.Equal(SignalKind.Ecg, SignalNames.Classify(description));

    [Theory]
    [InlineData("ABP")]
    [InlineData("ART")]
    [InlineData("PAP")]
    [InlineData("CVP")]
    [InlineData("RESP")]
    [InlineData("Resp (nasal)")]
    [InlineData("PLETH")]
    [InlineData("SpO2")]
    [InlineData("EEG")]
    [InlineData("C4-A1")]
    [InlineData("O2-A1")]
    [InlineData("Fp1")]
    [InlineData("EMG")]
    [InlineData("EOG(L)")]
    [InlineData("Airflow")]
    public void Other_signals_are_named_as_such(string description) => Assert.Equal(SignalKind.Other, SignalNames.Classify(description));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("chan 3")]
    [InlineData("signal")]
    public void A_name_that_says_nothing_is_unknown(string description) => Assert.Equal(SignalKind.Unknown, SignalNames.Classify(description));
}

using Iomt.Core.Measurements;
using Iomt.Storage;

namespace Iomt.Storage.Tests.Contract;

/// <summary>Builders of test readings with microsecond-precision UTC times.</summary>
public static class Readings
{
    /// <summary>2026-11-22T10:00:00.123456Z.</summary>
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    /// <summary>A heart-rate reading.</summary>
    public static PendingReading HeartRate(string device, string message, string? patient, DateTimeOffset time, double value = 72, ReadingMarks marks = ReadingMarks.None) =>
        new(
            new Measurement
            {
                DeviceId = device,
                MessageId = message,
                PatientId = patient,
                Code = ObservationCode.Loinc("8867-4"),
                Value = value,
                Unit = "/min",
                DeviceTime = time,
                ReceivedTime = time.AddMilliseconds(250.125),
            },
            marks);

    /// <summary>A blood-pressure panel.</summary>
    public static PendingReading BloodPressure(string device, string message, string? patient, DateTimeOffset time) =>
        new(new Measurement
        {
            DeviceId = device,
            MessageId = message,
            PatientId = patient,
            Code = ObservationCode.Loinc("85354-9"),
            Components =
            [
                new MeasurementComponent(ObservationCode.Loinc("8480-6"), 121.5, "mm[Hg]"),
                new MeasurementComponent(ObservationCode.Loinc("8462-4"), 79.25, "mm[Hg]"),
                new MeasurementComponent(ObservationCode.Mdc("150039"), 93.333333333333329, "mm[Hg]"),
            ],
            DeviceTime = time,
            ReceivedTime = time.AddSeconds(1),
        });

    /// <summary>A dead letter.</summary>
    public static DeadLetter Rejected(string device, string reason, DateTimeOffset time, string payload = "{\"value\":900}") => new()
    {
        Source = "http",
        DeviceId = device,
        MessageId = "bad-" + reason,
        Field = "value",
        Reason = reason,
        Payload = payload,
        ReceivedTime = time,
    };
}

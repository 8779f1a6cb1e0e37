using System.Collections.Immutable;
using System.Globalization;
using Iomt.Core.Measurements;

namespace Iomt.Protocols.Hl7.Pcd01;

/// <summary>
/// Maps IHE PCD-01 (Communicate PCD Data) ORU^R01 messages to measurements (IHE PCD TF-2 §3.1): PID-3 → patient,
/// numeric OBX rows (OBX-2 = NM) with MDC codes in OBX-3 → values, OBX-6 units (MDC or UCUM), OBX-14 / ancestor
/// rows / OBR-7 → time, OBX-18 EUI-64 → device. Rows with an empty OBX-2 are the MDS/VMD/CHAN hierarchy;
/// CWE, DTM, ST, NA (waveform) and other types are not scalar measurements and are skipped. Pure and total:
/// bad content becomes errors, never exceptions.
/// </summary>
public sealed class Pcd01Mapper
{
    private readonly Pcd01MapperOptions _options;

    /// <summary>Creates a mapper.</summary>
    public Pcd01Mapper(Pcd01MapperOptions? options = null) => _options = options ?? new Pcd01MapperOptions();

    /// <summary>Maps a parse result; a parse failure is an AR (HL7 v2.6 §2.9.2: the header could not be processed).</summary>
    public Pcd01MappingResult Map(Hl7ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.Error is { } error)
        {
            return new Pcd01MappingResult
            {
                Ack = Hl7AckCode.ApplicationReject,
                Message = parsed.Message,
                ControlId = NullIfEmpty(parsed.Message?.ControlId),
                Errors = [Hl7Error.From(error)],
            };
        }

        return Map(parsed.Message!);
    }

    /// <summary>Maps a parsed message.</summary>
    public Pcd01MappingResult Map(Hl7Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var controlId = message.ControlId;
        if (message.MessageCode != "ORU" || message.TriggerEvent != "R01")
        {
            return Reject(message, Hl7Error.AtComponent("MSH", 1, 9, Hl7ErrorCode.UnsupportedMessageType,
                "Only ORU R01 (IHE PCD-01) messages are accepted"));
        }

        if (controlId.Length == 0)
        {
            return Reject(message, Hl7Error.AtField("MSH", 1, 10, Hl7ErrorCode.RequiredFieldMissing, "MSH-10 message control id is missing"));
        }

        var errors = ImmutableArray.CreateBuilder<Hl7Error>();
        var patientId = SelectPatient(message, errors);
        var context = new MessageContext(message, controlId, patientId, _options, errors);
        var observations = ImmutableArray.CreateBuilder<Pcd01Observation>();
        foreach (var group in ObservationGroup.Split(message))
        {
            group.MapInto(context, observations);
        }

        var ok = errors.Count == 0;
        return new Pcd01MappingResult
        {
            Ack = ok ? Hl7AckCode.ApplicationAccept : Hl7AckCode.ApplicationError,
            Message = message,
            ControlId = controlId,
            PatientId = patientId,
            DeviceId = observations.Count > 0 ? observations[0].Measurement.DeviceId : context.FirstDeviceId,
            Observations = ok ? observations.ToImmutable() : [],
            PartialObservations = ok ? [] : observations.ToImmutable(),
            Errors = errors.ToImmutable(),
        };
    }

    private string? SelectPatient(Hl7Message message, ImmutableArray<Hl7Error>.Builder errors)
    {
        var pid = message.Segment("PID");
        if (pid is null)
        {
            errors.Add(Hl7Error.AtSegment("PID", 1, Hl7ErrorCode.SegmentSequenceError, "PID segment is missing"));
            return null;
        }

        // PID-3 is a repeating CX: CX.1 id, CX.4 assigning authority (HD), CX.5 identifier type (HL7 table 0203).
        var ids = pid.Field(3);
        for (var r = 1; r <= ids.RepetitionCount; r++)
        {
            var rep = ids.Repetition(r);
            var id = rep.Component(1).Subcomponent(1).Trim();
            if (id.Length == 0 ||
                (_options.PatientIdentifierAuthority is { } authority && !rep.Component(4).Subcomponent(1).Trim().Equals(authority, StringComparison.OrdinalIgnoreCase)) ||
                (_options.PatientIdentifierType is { } type && !rep.Component(5).Subcomponent(1).Trim().Equals(type, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            return id;
        }

        var which = _options.PatientIdentifierAuthority is null && _options.PatientIdentifierType is null
            ? "PID-3 patient identifier is missing"
            : $"PID-3 has no identifier with authority '{_options.PatientIdentifierAuthority}' and type '{_options.PatientIdentifierType}'";
        errors.Add(Hl7Error.AtField("PID", pid.Sequence, 3, Hl7ErrorCode.RequiredFieldMissing, which));
        return null;
    }

    private static Pcd01MappingResult Reject(Hl7Message message, Hl7Error error) => new()
    {
        Ack = Hl7AckCode.ApplicationReject,
        Message = message,
        ControlId = NullIfEmpty(message.ControlId),
        Errors = [error],
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>Per-message state shared by the OBR groups.</summary>
    internal sealed class MessageContext(Hl7Message message, string controlId, string? patientId, Pcd01MapperOptions options, ImmutableArray<Hl7Error>.Builder errors)
    {
        public Hl7Message Message { get; } = message;

        public string ControlId { get; } = controlId;

        public string? PatientId { get; } = patientId;

        public Pcd01MapperOptions Options { get; } = options;

        public ImmutableArray<Hl7Error>.Builder Errors { get; } = errors;

        public string? FirstDeviceId { get; set; }

        private string? _lastDevice;

        /// <summary>Reuses the previous device id string when the same id repeats (no allocation per row).</summary>
        public string DeviceString(ReadOnlySpan<char> id)
        {
            if (_lastDevice is null || !id.SequenceEqual(_lastDevice))
            {
                _lastDevice = new string(id);
            }

            FirstDeviceId ??= _lastDevice;
            return _lastDevice;
        }

        public string MessageId(int obxSequence) => string.Create(CultureInfo.InvariantCulture, $"{ControlId}#{obxSequence}");
    }
}

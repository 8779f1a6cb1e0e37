using System.Buffers;
using System.Text;
using Iomt.Core.Catalogue;
using Iomt.Protocols.Hl7;
using Iomt.Protocols.Hl7.Pcd01;
using Iomt.Server.Ingestion;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iomt.Server.Transports.Mllp;

/// <summary>
/// Turns one received HL7 message into an acknowledgement: parse, map (IHE PCD-01), hand the readings — or the
/// errors, as dead letters — to ingestion, and only after ingestion returns (durable) build the ACK
/// (AA / AE with ERR / AR). Knows nothing of sockets.
/// </summary>
public sealed class Hl7MessageProcessor
{
    /// <summary>Longest raw payload attached to a dead letter.</summary>
    private const int MaxDeadLetterPayload = 8192;

    private readonly IReadingIngestor _ingestor;
    private readonly TimeProvider _time;
    private readonly ILogger<Hl7MessageProcessor> _logger;
    private readonly Pcd01Mapper _mapper;
    private readonly Hl7AckOptions _ackOptions;

    /// <summary>Creates a processor.</summary>
    public Hl7MessageProcessor(IReadingIngestor ingestor, IOptions<MllpOptions> options, TimeProvider time, ILogger<Hl7MessageProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ingestor = ingestor;
        _time = time;
        _logger = logger;
        var o = options.Value;
        _mapper = new Pcd01Mapper(new Pcd01MapperOptions
        {
            PatientIdentifierAuthority = o.PatientIdentifierAuthority,
            PatientIdentifierType = o.PatientIdentifierType,
            DefaultUtcOffset = o.DefaultUtcOffset,
        });
        _ackOptions = new Hl7AckOptions { ApplicationName = o.ApplicationName, FacilityName = o.FacilityName };
    }

    /// <summary>Processes one MLLP payload (UTF-8) and returns the ACK text.</summary>
    public Task<string> ProcessAsync(ReadOnlySequence<byte> payload, CancellationToken cancellationToken) =>
        ProcessAsync(Encoding.UTF8.GetString(payload), cancellationToken);

    /// <summary>Processes one message and returns the ACK text.</summary>
    public async Task<string> ProcessAsync(string text, CancellationToken cancellationToken)
    {
        var result = _mapper.Map(Hl7Parser.Parse(text));
        var received = _time.GetUtcNow();
        var items = Items(result, text, received);
        var code = result.Ack;
        var errors = result.Errors;
        if (items.Count > 0)
        {
            try
            {
                var outcome = await _ingestor.IngestAsync("hl7", items, cancellationToken);
                if (code == Hl7AckCode.ApplicationAccept)
                {
                    errors = RejectedByIngestion(result, outcome);
                    code = errors.IsEmpty ? Hl7AckCode.ApplicationAccept : Hl7AckCode.ApplicationError;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not stored: AR tells the sender to resend later (HL7 v2.6 §2.9.2.3); idempotent ids make that safe.
                _logger.LogError(ex, "HL7 message could not be ingested; answering AR");
                code = Hl7AckCode.ApplicationReject;
                errors = [Hl7Error.AtSegment("MSH", 1, Hl7ErrorCode.ApplicationInternalError, "The message could not be stored; resend it later")];
            }
        }

        if (code != Hl7AckCode.ApplicationAccept && _logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("HL7 message answered {Ack} with {Errors} error(s), first at {Field}",
                Hl7AckBuilder.CodeText(code), errors.Length, errors.IsEmpty ? "" : errors[0].FieldName);
        }

        return Hl7AckBuilder.Build(result.Message, code, errors, _ackOptions, received);
    }

    private static List<IncomingReading> Items(Pcd01MappingResult result, string text, DateTimeOffset received)
    {
        var items = new List<IncomingReading>(Math.Max(result.Observations.Length, result.Errors.Length));
        if (result.Ack == Hl7AckCode.ApplicationAccept)
        {
            foreach (var o in result.Observations)
            {
                var row = result.Message?.Segment("OBX", o.ObxSequence)?.ToString() ?? "";
                items.Add(IncomingReading.Decoded(o.Measurement with { ReceivedTime = received }, row));
            }

            return items;
        }

        // Nothing of an AE/AR message is stored (atomic); every error becomes a dead letter naming its field.
        var payload = text.Length > MaxDeadLetterPayload ? text[..MaxDeadLetterPayload] : text;
        foreach (var e in result.Errors)
        {
            var messageId = result.ControlId is null ? null : e.Segment == "OBX" ? $"{result.ControlId}#{e.Sequence}" : result.ControlId;
            items.Add(IncomingReading.Failed(new ValidationError(e.FieldName, e.Text), payload, result.DeviceId, messageId));
        }

        return items;
    }

    private static System.Collections.Immutable.ImmutableArray<Hl7Error> RejectedByIngestion(Pcd01MappingResult result, IngestionOutcome outcome)
    {
        var errors = System.Collections.Immutable.ImmutableArray.CreateBuilder<Hl7Error>();
        for (var i = 0; i < outcome.Items.Count && i < result.Observations.Length; i++)
        {
            var item = outcome.Items[i];
            if (item.Outcome != ItemOutcome.Rejected)
            {
                continue;
            }

            // The catalogue rejected a mapped value (implausible value or unit): report it at the OBX row.
            var o = result.Observations[i];
            var isUnit = item.Field?.Contains("unit", StringComparison.OrdinalIgnoreCase) == true;
            errors.Add(Hl7Error.AtComponent("OBX", o.ObxSequence, isUnit ? 6 : 5,
                isUnit ? Hl7ErrorCode.TableValueNotFound : Hl7ErrorCode.DataTypeError,
                $"OBX-{(isUnit ? 6 : 5)} rejected: {item.Reason ?? "not accepted"}"));
        }

        return errors.ToImmutable();
    }
}

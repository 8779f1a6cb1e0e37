using System.Text.Json;
using Iomt.Core.Catalogue;
using Iomt.Protocols.Ble;
using Iomt.Server.Api;
using Iomt.Server.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Iomt.Server.Transports.Gatt;

/// <summary>
/// <c>POST /api/v1/devices/{id}/gatt</c>: raw BLE GATT characteristic notifications forwarded by a phone or gateway
/// (one object or an array). Decodes them, hands measurements and decode failures to ingestion, and answers 202
/// only after ingestion has committed; a malformed body gets an RFC 9457 validation problem naming the field.
/// </summary>
public static class GattEndpoints
{
    /// <summary>The route of the endpoint.</summary>
    public const string Route = "/api/v1/devices/{id}/gatt";

    /// <summary>Largest accepted body; gateways batch, but a notification is at most a few hundred octets.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>Maps the GATT endpoint. Needs an <see cref="IReadingIngestor"/> (and optionally a <see cref="TimeProvider"/>) in DI.</summary>
    public static IEndpointRouteBuilder MapGattEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, HandleAsync)
            .WithName("PostGattNotifications")
            .Accepts<GattNotification>("application/json")
            .Produces<GattIngestResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> HandleAsync(string id, HttpRequest request, IReadingIngestor ingestor, CancellationToken cancellationToken)
    {
        var received = (request.HttpContext.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        if (string.IsNullOrWhiteSpace(id) || id.Length > 128)
        {
            return Problem("id", "the device id must be 1 to 128 characters");
        }

        var mode = GattDecodeMode.Strict;
        if (request.Query.TryGetValue("mode", out var modeText))
        {
            if (string.Equals(modeText, "lenient", StringComparison.OrdinalIgnoreCase))
            {
                mode = GattDecodeMode.Lenient;
            }
            else if (!string.Equals(modeText, "strict", StringComparison.OrdinalIgnoreCase))
            {
                return Problem("mode", $"'{modeText}' is not 'strict' or 'lenient'");
            }
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            var reason = $"the body exceeds {MaxBodyBytes} bytes";
            await ingestor.TryDeadLetterAsync("gatt", new ValidationError("$", reason), "", id, cancellationToken);
            return Problems.Field(StatusCodes.Status413PayloadTooLarge, "$", reason);
        }

        if (!GattNotificationJson.TryParse(body, out var notifications, out var error))
        {
            await ingestor.TryDeadLetterAsync("gatt", new ValidationError(error.Field, error.Message), System.Text.Encoding.UTF8.GetString(body), id, cancellationToken);
            return Problem(error.Field, error.Message);
        }

        var items = new List<IncomingReading>();
        var notificationOfItem = new List<int>();
        for (var i = 0; i < notifications.Count; i++)
        {
            var n = notifications[i];
            var result = GattNotificationMapper.Map(n, id, received, mode);
            var raw = RawPayload(n);
            if (result.Error is { } e)
            {
                items.Add(IncomingReading.Failed(new ValidationError(e.Field, $"{e.ReasonCode}: {e.Message}"), raw, id, result.MessageId + "#error"));
                notificationOfItem.Add(i);
                continue;
            }

            foreach (var m in result.Measurements)
            {
                items.Add(IncomingReading.Decoded(m, raw));
                notificationOfItem.Add(i);
            }
        }

        if (items.Count == 0)
        {
            return Results.Json(new GattIngestResponse(0, 0, []), statusCode: StatusCodes.Status202Accepted);
        }

        var outcome = await ingestor.IngestAsync("gatt", items, cancellationToken);
        var rejected = new List<GattRejection>();
        for (var k = 0; k < outcome.Items.Count && k < notificationOfItem.Count; k++)
        {
            var item = outcome.Items[k];
            if (item.Outcome == ItemOutcome.Rejected)
            {
                rejected.Add(new GattRejection(notificationOfItem[k], item.Field, item.Reason));
            }
        }

        return Results.Json(new GattIngestResponse(outcome.Accepted, outcome.Duplicates, rejected), statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult Problem(string field, string message) => Problems.Field(StatusCodes.Status400BadRequest, field, message);

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string RawPayload(GattNotification n) => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["characteristic"] = n.Characteristic,
        ["value"] = n.Value,
        ["time"] = n.Time?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["messageId"] = n.MessageId,
    });
}

using Iomt.Core.Catalogue;
using Iomt.Core.Patients;
using Iomt.Server.Ingestion;
using Iomt.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Iomt.Server.Api.Registry;

/// <summary>CRUD for patients and devices, and binding devices to patients over time.</summary>
public static class RegistryEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapRegistryEndpoints(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/v1/patients").WithTags("Patients");
        patients.MapPost("/", CreatePatientAsync).Produces<Patient>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        patients.MapGet("/", ([FromServices] IRegistryStore r, CancellationToken ct) => r.ListPatientsAsync(ct));
        patients.MapGet("/{id}", async (string id, [FromServices] IRegistryStore r, CancellationToken ct) =>
            await r.GetPatientAsync(id, ct).ConfigureAwait(false) is { } p ? Results.Ok(p) : Problems.NotFound("patient", id));
        patients.MapPut("/{id}", ReplacePatientAsync);
        patients.MapDelete("/{id}", async (string id, [FromServices] IRegistryStore r, CancellationToken ct) =>
            await r.DeletePatientAsync(id, ct).ConfigureAwait(false) ? Results.NoContent() : Problems.NotFound("patient", id));

        var devices = app.MapGroup("/api/v1/devices").WithTags("Devices");
        devices.MapPost("/", CreateDeviceAsync).Produces<Device>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        devices.MapGet("/", ([FromServices] IRegistryStore r, CancellationToken ct) => r.ListDevicesAsync(ct));
        devices.MapGet("/{id}", async (string id, [FromServices] IRegistryStore r, CancellationToken ct) =>
            await r.GetDeviceAsync(id, ct).ConfigureAwait(false) is { } d ? Results.Ok(d) : Problems.NotFound("device", id));
        devices.MapPut("/{id}", ReplaceDeviceAsync);
        devices.MapDelete("/{id}", DeleteDeviceAsync);
        devices.MapPut("/{id}/binding", BindAsync).WithSummary("Bind the device to a patient from a time (closes any open binding).");
        devices.MapDelete("/{id}/binding", UnbindAsync).WithSummary("Close the device's open binding (at=now by default).");
        devices.MapGet("/{id}/bindings", async (string id, [FromServices] IRegistryStore r, CancellationToken ct) =>
            (await r.ListBindingsAsync(ct).ConfigureAwait(false)).Where(b => b.DeviceId == id).ToList());
        return app;
    }

    private static async Task<IResult> CreatePatientAsync(PatientBody body, [FromServices] IRegistryStore registry, TimeProvider time, CancellationToken ct)
    {
        if (MeasurementValidator.CheckId(body.Id, "id") is { } error)
        {
            return Problems.Field(StatusCodes.Status400BadRequest, error.Field, error.Reason);
        }

        if (await registry.GetPatientAsync(body.Id!, ct).ConfigureAwait(false) is not null)
        {
            return Problems.Field(StatusCodes.Status409Conflict, "id", $"patient '{body.Id}' already exists; use PUT to replace it");
        }

        var patient = new Patient(body.Id!, body.DisplayName, body.BirthDate, time.GetUtcNow());
        await registry.UpsertPatientAsync(patient, ct).ConfigureAwait(false);
        return Results.Created($"/api/v1/patients/{Uri.EscapeDataString(patient.Id)}", patient);
    }

    private static async Task<IResult> ReplacePatientAsync(string id, PatientBody body, [FromServices] IRegistryStore registry, TimeProvider time, CancellationToken ct)
    {
        if (MeasurementValidator.CheckId(id, "id") is { } error)
        {
            return Problems.Field(StatusCodes.Status400BadRequest, error.Field, error.Reason);
        }

        var existing = await registry.GetPatientAsync(id, ct).ConfigureAwait(false);
        var patient = new Patient(id, body.DisplayName, body.BirthDate, existing?.CreatedAt ?? time.GetUtcNow());
        await registry.UpsertPatientAsync(patient, ct).ConfigureAwait(false);
        return Results.Ok(patient);
    }

    private static async Task<IResult> CreateDeviceAsync(DeviceBody body, [FromServices] IRegistryStore registry, TimeProvider time, CancellationToken ct)
    {
        if (MeasurementValidator.CheckId(body.Id, "id") is { } error)
        {
            return Problems.Field(StatusCodes.Status400BadRequest, error.Field, error.Reason);
        }

        if (await registry.GetDeviceAsync(body.Id!, ct).ConfigureAwait(false) is not null)
        {
            return Problems.Field(StatusCodes.Status409Conflict, "id", $"device '{body.Id}' already exists; use PUT to replace it");
        }

        var device = new Device(body.Id!, body.Kind, body.Manufacturer, body.Model, time.GetUtcNow());
        await registry.UpsertDeviceAsync(device, ct).ConfigureAwait(false);
        return Results.Created($"/api/v1/devices/{Uri.EscapeDataString(device.Id)}", device);
    }

    private static async Task<IResult> ReplaceDeviceAsync(string id, DeviceBody body, [FromServices] IRegistryStore registry, TimeProvider time, CancellationToken ct)
    {
        if (MeasurementValidator.CheckId(id, "id") is { } error)
        {
            return Problems.Field(StatusCodes.Status400BadRequest, error.Field, error.Reason);
        }

        var existing = await registry.GetDeviceAsync(id, ct).ConfigureAwait(false);
        var device = new Device(id, body.Kind, body.Manufacturer, body.Model, existing?.CreatedAt ?? time.GetUtcNow());
        await registry.UpsertDeviceAsync(device, ct).ConfigureAwait(false);
        return Results.Ok(device);
    }

    private static async Task<IResult> DeleteDeviceAsync(string id, [FromServices] IRegistryStore registry, BindingDirectory bindings, CancellationToken ct)
    {
        if (!await registry.DeleteDeviceAsync(id, ct).ConfigureAwait(false))
        {
            return Problems.NotFound("device", id);
        }

        await bindings.ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> BindAsync(string id, BindingBody body, [FromServices] IRegistryStore registry, BindingDirectory bindings, TimeProvider time, CancellationToken ct)
    {
        if (await registry.GetDeviceAsync(id, ct).ConfigureAwait(false) is null)
        {
            return Problems.NotFound("device", id);
        }

        if (MeasurementValidator.CheckId(body.PatientId, "patientId") is { } error)
        {
            return Problems.Field(StatusCodes.Status400BadRequest, error.Field, error.Reason);
        }

        if (await registry.GetPatientAsync(body.PatientId!, ct).ConfigureAwait(false) is null)
        {
            return Problems.Field(StatusCodes.Status404NotFound, "patientId", $"patient '{body.PatientId}' not found");
        }

        var from = (body.From ?? time.GetUtcNow()).ToUniversalTime();
        await registry.BindAsync(id, body.PatientId!, from, ct).ConfigureAwait(false);
        await bindings.ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        return Results.Ok(new DeviceBinding(id, body.PatientId!, from));
    }

    private static async Task<IResult> UnbindAsync(string id, DateTimeOffset? at, [FromServices] IRegistryStore registry, BindingDirectory bindings, TimeProvider time, CancellationToken ct)
    {
        if (!await registry.UnbindAsync(id, (at ?? time.GetUtcNow()).ToUniversalTime(), ct).ConfigureAwait(false))
        {
            return Problems.Field(StatusCodes.Status404NotFound, "id", $"device '{id}' has no open binding");
        }

        await bindings.ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        return Results.NoContent();
    }
}

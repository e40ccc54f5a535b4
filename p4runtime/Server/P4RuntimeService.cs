using Grpc.Core;
using P4.V1;
using P4Bpf.P4Runtime.Core;

namespace P4Bpf.P4Runtime.Server;

/// <summary>The gRPC face of <see cref="P4RuntimeCore"/>: translates requests and errors, streams results; no P4Runtime semantics live here.</summary>
public sealed class P4RuntimeService(P4RuntimeCore core, P4RuntimeLimits limits) : P4.V1.P4Runtime.P4RuntimeBase
{
    /// <summary>Entities per ReadResponse message.</summary>
    public const int ReadChunk = 1024;

    public override Task<CapabilitiesResponse> Capabilities(CapabilitiesRequest request, ServerCallContext context) =>
        Task.FromResult(Run(() => core.Capabilities(request)));

    public override Task<WriteResponse> Write(WriteRequest request, ServerCallContext context)
    {
        limits.CheckWrite(request);
        var result = Run(() => core.Write(request));
        if (!result.AllOk)
        {
            throw StatusDetails.Batch("Write failure", result.Errors);
        }
        return Task.FromResult(new WriteResponse());
    }

    public override async Task Read(ReadRequest request, IServerStreamWriter<ReadResponse> responseStream, ServerCallContext context)
    {
        var result = Run(() => core.Read(request));
        for (var i = 0; i < result.Entities.Count; i += ReadChunk)
        {
            var response = new ReadResponse();
            for (var j = i; j < Math.Min(i + ReadChunk, result.Entities.Count); j++)
            {
                response.Entities.Add(result.Entities[j]);
            }
            await responseStream.WriteAsync(response, context.CancellationToken).ConfigureAwait(false);
        }
        if (!result.AllOk)
        {
            throw StatusDetails.Batch("Read failure", result.Errors);
        }
    }

    public override Task<SetForwardingPipelineConfigResponse> SetForwardingPipelineConfig(SetForwardingPipelineConfigRequest request, ServerCallContext context)
    {
        Run(() =>
        {
            core.SetPipeline(request);
            return 0;
        });
        return Task.FromResult(new SetForwardingPipelineConfigResponse());
    }

    public override Task<GetForwardingPipelineConfigResponse> GetForwardingPipelineConfig(GetForwardingPipelineConfigRequest request, ServerCallContext context) =>
        Task.FromResult(Run(() => core.GetPipeline(request)));

    public override async Task StreamChannel(IAsyncStreamReader<StreamMessageRequest> requestStream, IServerStreamWriter<StreamMessageResponse> responseStream, ServerCallContext context)
    {
        var session = new ControllerSession();
        var pump = Task.Run(async () =>
        {
            await foreach (var message in session.Outbox.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(message, context.CancellationToken).ConfigureAwait(false);
            }
        });
        P4RuntimeException? fatal = null;
        try
        {
            while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
            {
                try
                {
                    core.OnStreamMessage(session, requestStream.Current);
                }
                catch (P4RuntimeException ex)
                {
                    fatal = ex;
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client went away: the session ends like a closed stream.
        }
        finally
        {
            core.OnStreamClosed(session);
        }
        try
        {
            await pump.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException)
        {
        }
        if (fatal is not null)
        {
            throw StatusDetails.ToRpc(fatal);
        }
    }

    private static T Run<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (P4RuntimeException ex)
        {
            throw StatusDetails.ToRpc(ex);
        }
    }
}

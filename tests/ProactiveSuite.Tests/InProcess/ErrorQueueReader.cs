using MassTransit;

namespace ProactiveSuite.Tests.InProcess;

/// <summary>
/// Reads a queue's error queue (<c>{queue}_error</c>) on the harness's in-memory transport: a message moved there
/// carries its reason in the <c>MT-Fault-Message</c> transport header, as on RabbitMQ.
/// </summary>
public sealed class ErrorQueueReader
{
    private readonly TaskCompletionSource<string?> _reason = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ErrorQueueReader()
    {
    }

    public static async Task<ErrorQueueReader> ConnectAsync<TMessage>(InProcessSystem system, string queueName)
        where TMessage : class
    {
        var queue = new ErrorQueueReader();
        var handle = system.Harness.Bus.ConnectReceiveEndpoint($"{queueName}_error", endpoint =>
        {
            // Only what is moved here: not bound to the message type's exchange, which would deliver every publish too.
            endpoint.ConfigureConsumeTopology = false;
            endpoint.Handler<TMessage>(context =>
            {
                queue._reason.TrySetResult(context.ReceiveContext.TransportHeaders.Get<string>("MT-Fault-Message"));
                return Task.CompletedTask;
            });
        });
        await handle.Ready;
        return queue;
    }

    /// <summary>The reason of the first message moved to the error queue; fails the test when none arrives.</summary>
    public Task<string?> ReasonAsync() => _reason.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
}

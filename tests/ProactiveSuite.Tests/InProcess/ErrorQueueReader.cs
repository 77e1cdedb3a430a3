using MassTransit;

namespace ProactiveSuite.Tests.InProcess;

/// <summary>
/// Reads a queue's error queue (<c>{queue}_error</c>) on the harness's in-memory transport: a message moved there
/// carries its reason and how often it was retried in its transport headers, as on RabbitMQ.
/// </summary>
public sealed class ErrorQueueReader
{
    private readonly TaskCompletionSource<MovedMessage> _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
                var headers = context.ReceiveContext.TransportHeaders;
                queue._moved.TrySetResult(new MovedMessage(headers.Get<string>("MT-Fault-Message"), headers.Get("MT-Fault-RetryCount", (int?)0) ?? 0));
                return Task.CompletedTask;
            });
        });
        await handle.Ready;
        return queue;
    }

    /// <summary>The first message moved to the error queue; fails the test when none arrives.</summary>
    public Task<MovedMessage> FirstAsync() => _moved.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
}

/// <param name="Reason">The exception's message (<c>MT-Fault-Message</c>).</param>
/// <param name="RetryCount">Retries before it was moved (<c>MT-Fault-RetryCount</c>; absent when none).</param>
public sealed record MovedMessage(string? Reason, int RetryCount);

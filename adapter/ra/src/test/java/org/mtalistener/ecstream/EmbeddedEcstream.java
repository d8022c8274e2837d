package org.mtalistener.ecstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.delivery.ReceivedMessage;

/**
 * An ECStream session on an {@link EmbeddedChannel}, already past READY, whose deliverer keeps each message until the
 * test completes its outcome, then releases its content as the real one does.
 */
final class EmbeddedEcstream implements AutoCloseable {

    record Delivery(ReceivedMessage message, CompletableFuture<DeliveryOutcome> outcome) {
    }

    final EmbeddedChannel channel = new EmbeddedChannel();
    final List<Delivery> deliveries = new ArrayList<>();

    EmbeddedEcstream(Supplier<ContentBuffer> contentBuffers, long maxMessageSize) {
        new EcstreamProtocol(new EcstreamSettings("ECStream_Listener test", Duration.ofSeconds(300), 10,
                maxMessageSize, "mx.example.com"), message -> {
                    Delivery delivery = new Delivery(message, new CompletableFuture<>());
                    deliveries.add(delivery);
                    return delivery.outcome.whenComplete((outcome, failure) -> message.content().release());
                }, contentBuffers, new QueueIds()).initChannel(channel);
        send(new ClientBytes().version(1));
        frames();
    }

    void send(ClientBytes bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes.bytes()));
        channel.runPendingTasks();
    }

    void complete(int index, DeliveryOutcome outcome) {
        deliveries.get(index).outcome.complete(outcome);
        channel.runPendingTasks();
    }

    /** Whether the session reads the connection. */
    boolean reading() {
        return channel.config().isAutoRead();
    }

    /** The frames the server wrote since the last call, as {@link ClientBytes#serverFrames} spells them. */
    List<String> frames() {
        channel.runPendingTasks(); // the turn of the event loop ends: the session flushes what it wrote
        List<String> frames = new ArrayList<>();
        for (ByteBuf buffer; (buffer = channel.readOutbound()) != null; ) {
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            buffer.release();
            frames.addAll(ClientBytes.serverFrames(bytes));
        }
        return frames;
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}

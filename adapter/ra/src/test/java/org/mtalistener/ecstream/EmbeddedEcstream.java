package org.mtalistener.ecstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
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

    /** Messages handed over together (group commit) and their outcomes. */
    record Group(List<ReceivedMessage> messages, CompletableFuture<List<DeliveryOutcome>> outcomes) {
    }

    final EmbeddedChannel channel = new EmbeddedChannel();
    final List<Delivery> deliveries = new ArrayList<>();
    final List<Group> groups = new ArrayList<>();

    EmbeddedEcstream(Supplier<ContentBuffer> contentBuffers, long maxMessageSize) {
        this(contentBuffers, maxMessageSize, false);
    }

    /** @param grouping whether the deliverer takes groups (deliverEach), which the test then completes */
    EmbeddedEcstream(Supplier<ContentBuffer> contentBuffers, long maxMessageSize, boolean grouping) {
        new EcstreamProtocol(new EcstreamSettings("ECStream_Listener test", Duration.ofSeconds(300), 10,
                maxMessageSize, "mx.example.com"), new Deliverer() {
                    @Override
                    public CompletionStage<DeliveryOutcome> deliver(ReceivedMessage message) {
                        Delivery delivery = new Delivery(message, new CompletableFuture<>());
                        deliveries.add(delivery);
                        return delivery.outcome.whenComplete((outcome, failure) -> message.content().release());
                    }

                    @Override
                    public boolean groups() {
                        return grouping;
                    }

                    @Override
                    public CompletionStage<List<DeliveryOutcome>> deliverEach(List<ReceivedMessage> messages) {
                        Group group = new Group(messages, new CompletableFuture<>());
                        groups.add(group);
                        return group.outcomes.whenComplete((outcomes, failure) ->
                                messages.forEach(message -> message.content().release()));
                    }
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

    void complete(int group, List<DeliveryOutcome> outcomes) {
        groups.get(group).outcomes.complete(outcomes);
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

package org.mtalistener.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.ReceivedMessage;

/**
 * Records every message handed over and leaves its outcome to the test. Like the real deliverer it reads the content
 * once the buffer is complete and then releases it.
 */
final class FakeDeliverer implements Deliverer {

    static final class Delivery {
        final ReceivedMessage message;
        final CompletableFuture<DeliveryOutcome> outcome = new CompletableFuture<>();
        private String content;

        Delivery(ReceivedMessage message) {
            this.message = message;
        }

        /** The content as read after {@code complete()}, bytes as ISO-8859-1 chars. */
        String content() {
            if (content == null) {
                throw new AssertionError("content of " + message.queueId() + " is not complete yet");
            }
            return content;
        }
    }

    final List<Delivery> deliveries = new ArrayList<>();
    /** Thrown by deliver() instead of delivering, if set. */
    RuntimeException failOnDeliver;

    @Override
    public CompletionStage<DeliveryOutcome> deliver(ReceivedMessage message) {
        if (failOnDeliver != null) {
            throw failOnDeliver;
        }
        Delivery delivery = new Delivery(message);
        deliveries.add(delivery);
        message.content().complete().thenRun(() -> {
            try (InputStream in = message.openContent()) {
                delivery.content = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                message.content().release();
            }
        });
        return delivery.outcome;
    }

    Delivery only() {
        if (deliveries.size() != 1) {
            throw new AssertionError("expected exactly one delivery, got " + deliveries.size());
        }
        return deliveries.get(0);
    }
}

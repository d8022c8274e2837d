package org.mtalistener.http;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.ReceivedMessage;

/** A test deliverer that sees every delivery as the list of messages of one request. */
@FunctionalInterface
interface ListDeliverer extends Deliverer {

    @Override
    default CompletionStage<DeliveryOutcome> deliver(ReceivedMessage message) {
        return deliverAll(List.of(message));
    }

    @Override
    CompletionStage<DeliveryOutcome> deliverAll(List<ReceivedMessage> messages);
}

package org.mtalistener.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mtalistener.delivery.DeliveryOutcome;

class DeliveryRepliesTest {

    @Test
    void outcomesMapToReplies() {
        assertEquals("250 2.0.0 OK queued as Q1\r\n",
                DeliveryReplies.forOutcome("Q1", new DeliveryOutcome.Accepted("Q1")).render(true));
        assertEquals("550 5.7.1 refused by policy\r\n",
                DeliveryReplies.forOutcome("Q1", new DeliveryOutcome.Rejected(550, "5.7.1", "refused by policy"))
                        .render(true));
        assertEquals("451 4.3.0 transaction failed\r\n",
                DeliveryReplies.forOutcome("Q1", new DeliveryOutcome.Failed("rolled back")).render(true));
    }

    @Test
    void rejectionsThatAreNotRefusalsOrCarryLineBreaksAreTamed() {
        assertEquals(DeliveryReplies.TRANSACTION_FAILED, DeliveryReplies.rejected(250, "2.0.0", "fine"));
        assertEquals("554 5.0.0 bad??250 ok\r\n", DeliveryReplies.rejected(554, "4.1.1", "bad\r\n250 ok").render(true));
        assertEquals("450 4.0.0 rejected\r\n", DeliveryReplies.rejected(450, null, "").render(true));
    }
}

package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtalistener.delivery.DeliveryOutcome;

class RepliesTest {

    @Test
    void renderingPutsTheEnhancedCodeOnEveryLineAndCanLeaveItOut() {
        Reply reply = new Reply(214, "2.0.0", List.of("one", "two", "three"));
        assertEquals("214-2.0.0 one\r\n214-2.0.0 two\r\n214 2.0.0 three\r\n", reply.render(true));
        assertEquals("214-one\r\n214-two\r\n214 three\r\n", reply.render(false));
        assertEquals("354 go\r\n", new Reply(354, null, "go").render(true));
    }

    @Test
    void replyTextCannotBreakTheReplyStream() {
        assertThrows(IllegalArgumentException.class, () -> new Reply(250, "2.0.0", "OK\r\n250 smuggled"));
    }

    @Test
    void everyConstantCarriesAnEnhancedCodeMatchingItsClassExceptStartData() throws IllegalAccessException {
        for (Field field : Replies.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Reply.class) {
                Reply reply = (Reply) field.get(null);
                if (reply == Replies.START_DATA) {
                    continue;
                }
                assertEquals(String.valueOf(reply.code() / 100), reply.enhancedCode().substring(0, 1), field.getName());
            }
        }
    }

    @Test
    void outcomesMapToReplies() {
        assertEquals("250 2.0.0 OK queued as Q1\r\n",
                Replies.forOutcome("Q1", new DeliveryOutcome.Accepted("Q1")).render(true));
        assertEquals("550 5.7.1 refused by policy\r\n",
                Replies.forOutcome("Q1", new DeliveryOutcome.Rejected(550, "5.7.1", "refused by policy")).render(true));
        assertEquals("451 4.3.0 transaction failed\r\n",
                Replies.forOutcome("Q1", new DeliveryOutcome.Failed("rolled back")).render(true));
    }

    @Test
    void rejectionsThatAreNotRefusalsOrCarryLineBreaksAreTamed() {
        assertEquals(Replies.TRANSACTION_FAILED, Replies.rejected(250, "2.0.0", "fine"));
        assertEquals("554 5.0.0 bad??250 ok\r\n", Replies.rejected(554, "4.1.1", "bad\r\n250 ok").render(true));
        assertEquals("450 4.0.0 rejected\r\n", Replies.rejected(450, null, "").render(true));
    }
}

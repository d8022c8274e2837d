package org.mtalistener.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyTest {

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
}

package org.mtalistener.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.mtalistener.api.Envelope;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.SessionInfo;

class ReadingMdbTest {

    /** A content stream that counts what was read and whether it was closed. */
    static final class Content extends ByteArrayInputStream {
        boolean closed;

        Content(int size) {
            super(new byte[size]);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static InboundMessage message(InputStream content) {
        return new InboundMessage() {
            public String queueId() {
                return "Q1";
            }

            public Envelope envelope() {
                return null;
            }

            public SessionInfo session() {
                return null;
            }

            public long size() {
                return 0;
            }

            public InputStream openContent() {
                return content;
            }
        };
    }

    @Test
    void readsTheWholeContentAndClosesIt() {
        Content content = new Content(100_000);
        new ReadingMdb().onMessage(message(content));
        assertEquals(0, content.available());
        assertTrue(content.closed);
    }

    @Test
    void aContentThatCannotBeReadFailsTheDeliveryNamingTheMessage() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new ReadingMdb().onMessage(message(broken)));
        assertTrue(e.getMessage().startsWith("Q1:"), e.getMessage());
    }
}

package org.mtalistener.qmqp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The decoder alone: what it passes on for whole, split and broken requests. */
class QmqpDecoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new QmqpDecoder());

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    /** What came out, spelled: {@code start 5}, {@code content hello}, {@code sender a}, {@code rcpt b}, {@code end}. */
    private List<String> items() {
        List<String> items = new ArrayList<>();
        for (Object item; (item = channel.readInbound()) != null; ) {
            if (item instanceof ByteBuf chunk) {
                items.add("content " + chunk.toString(StandardCharsets.US_ASCII));
                chunk.release();
            } else if (item instanceof Request.MessageStart start) {
                items.add("start " + start.length());
            } else if (item instanceof Request.Sender sender) {
                items.add("sender " + new String(sender.address(), StandardCharsets.UTF_8));
            } else if (item instanceof Request.Recipient recipient) {
                items.add("rcpt " + new String(recipient.address(), StandardCharsets.UTF_8));
            } else if (item instanceof Request.End) {
                items.add("end");
            } else if (item instanceof Request.Malformed malformed) {
                items.add(malformed.problem() + " while " + malformed.where());
            }
        }
        return items;
    }

    private void write(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    @Test
    void aWholeRequest() {
        channel.writeInbound(Unpooled.wrappedBuffer(QmqpRequests.request("hello", "a@x.test", "b@y.test", "c@y.test")));
        assertEquals(List.of("start 5", "content hello", "sender a@x.test", "rcpt b@y.test", "rcpt c@y.test", "end"),
                items());
    }

    @Test
    void aRequestOneByteAtATimeStreamsItsContent() {
        byte[] request = QmqpRequests.request("hey", "", "b@y.test");
        for (byte b : request) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertEquals(List.of("start 3", "content h", "content e", "content y", "sender ", "rcpt b@y.test", "end"),
                items());
    }

    @Test
    void anEmptyMessageAndLeadingZerosAsQmqpdTakesThem() {
        write("020:0:,8:a@x.test,03:b@y,,");
        assertEquals(List.of("start 0", "sender a@x.test", "rcpt b@y", "end"), items());
    }

    @Test
    void whatIsNotANetstringSaysWhereAsQmqpdDoes() {
        write("x");
        assertEquals(List.of("netstring format error while receiving QMQP packet header"), items());
    }

    @Test
    void aMessageWithoutItsCommaIsAFormatError() {
        write("20:3:abc;");
        assertEquals(List.of("start 3", "content abc", "netstring format error while receiving message content"),
                items());
    }

    @Test
    void aRecipientWithoutItsColon() {
        write("20:1:m,0:,5x");
        assertEquals(List.of("start 1", "content m", "sender ", "netstring format error while receiving recipient "
                + "address"), items());
    }

    @Test
    void anAddressLongerThanTheLimitIsRefusedByItsLength() {
        write("9999:1:m," + (QmqpDecoder.MAX_ADDRESS + 1) + ":");
        assertEquals(List.of("start 1", "content m", "netstring length exceeds storage limit while receiving sender "
                + "address"), items());
    }

    @Test
    void aLengthOfTooManyDigits() {
        write("1234567890123456789012:");
        assertEquals(List.of("netstring length exceeds storage limit while receiving QMQP packet header"), items());
    }

    @Test
    void nothingAfterTheEndOrAnErrorIsPassedOn() {
        write("x");
        items();
        write("10:1:m,0:,");
        assertEquals(List.of(), items());
    }
}

package org.mtalistener.smtp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.DiskBackPressure;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.delivery.ReceivedMessage;
import org.mtalistener.mail.MailDate;
import org.mtalistener.mail.ReceivedHeader;
import org.mtalistener.mail.Reply;
import org.mtalistener.net.ClientAddress;

/**
 * The content of a session's messages, from DATA or the first BDAT to the reply after the delivery: the content goes
 * into the transaction's buffer as it arrives (Max_Message_Size enforced while it streams), reading stops while the disk is
 * behind, and the finished message goes to the deliverer with reading held until its reply is out.
 *
 * <p>Runs on the event loop like the session; a delivery completes on another thread and comes back to the loop.
 */
final class MessageReception {

    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());

    private final SmtpSession session;
    private final Transaction transaction;
    private final SmtpInputDecoder decoder;
    private final Deliverer deliverer;
    private final Supplier<ContentBuffer> contentBuffers;
    private final QueueIds queueIds;
    private final Clock clock;
    private final DiskBackPressure disk;
    /** The BDAT chunk being read: its size and whether it is the last. */
    private long chunkSize;
    private boolean lastChunk;
    /** The reply for a chunk that is read only to be thrown away (BDAT out of sequence); null otherwise. */
    private Reply chunkRefused;

    MessageReception(SmtpSession session, Transaction transaction, SmtpInputDecoder decoder, Deliverer deliverer,
                     Supplier<ContentBuffer> contentBuffers, QueueIds queueIds, Clock clock) {
        this.session = session;
        this.transaction = transaction;
        this.decoder = decoder;
        this.deliverer = deliverer;
        this.contentBuffers = contentBuffers;
        this.queueIds = queueIds;
        this.clock = clock;
        this.disk = new DiskBackPressure(session::onEventLoop, session::updateAutoRead, () -> {
            session.resetIdleTimer();
            session.updateAutoRead();
        });
    }

    /** Whether reading waits for the disk to catch up. */
    boolean congested() {
        return disk.holding();
    }

    void data(String argument) {
        if (!argument.isEmpty()) {
            session.reply(Replies.DATA_ARGUMENT);
            return;
        }
        if (!transaction.hasSender()) {
            session.reply(Replies.DATA_WITHOUT_MAIL);
            return;
        }
        if (transaction.recipients().isEmpty()) {
            session.reply(Replies.DATA_WITHOUT_RCPT);
            return;
        }
        if (transaction.chunked()) {
            session.reply(Replies.DATA_AFTER_BDAT);
            return;
        }
        if ("BINARYMIME".equalsIgnoreCase(transaction.mailParameters().get("BODY"))) {
            session.reply(Replies.DATA_WITH_BINARYMIME);
            return;
        }
        startContent(false);
        session.enter(SmtpSession.State.DATA);
        session.reply(Replies.START_DATA);
        decoder.startData();
    }

    /**
     * {@code BDAT chunk-size [LAST]} (RFC 3030): the chunk's octets go into the content as they are. A chunk out of
     * sequence is read all the same and thrown away, so what follows it is read as the client meant it.
     */
    void bdat(String argument) {
        String[] words = argument.split(" +");
        if (!words[0].matches("\\d{1,18}") || words.length > 2
                || words.length == 2 && !words[1].equalsIgnoreCase("LAST")) {
            session.reply(Replies.BDAT_SYNTAX);
            return;
        }
        chunkSize = Long.parseLong(words[0]);
        lastChunk = words.length == 2;
        chunkRefused = !transaction.hasSender() ? Replies.BDAT_WITHOUT_MAIL
                : transaction.recipients().isEmpty() ? Replies.BDAT_WITHOUT_RCPT : null;
        if (chunkRefused == null && !transaction.chunked()) {
            startContent(true);
        }
        session.enter(SmtpSession.State.CHUNK);
        if (chunkSize == 0) {
            endOfChunk();
        } else {
            decoder.startChunk(chunkSize);
        }
    }

    /** The last octet of a BDAT chunk was read. */
    void endOfChunk() {
        session.enter(SmtpSession.State.COMMANDS);
        if (chunkRefused != null) {
            session.reply(chunkRefused);
        } else if (transaction.oversized()) {
            // The rest of the transaction fails: later chunks find no transaction and are thrown away too.
            tooLarge();
        } else if (lastChunk) {
            deliver();
        } else {
            session.reply(Replies.chunkReceived(chunkSize));
        }
    }

    /** Names the message and opens its buffer with the {@code Received:} header. */
    private void startContent(boolean chunked) {
        String queueId = queueIds.next();
        ContentBuffer content = contentBuffers.get();
        transaction.startContent(queueId, content, chunked);
        String received = ReceivedHeader.format(session.hello().name(), session.hello().esmtp(), session.tls() != null,
                transaction.smtpUtf8(), session.clientName(), ClientAddress.of(session.ctx().channel()),
                session.settings().receivedHostname(), queueId, transaction.recipients(), MailDate.now(clock));
        // ASCII unless an SMTPUTF8 recipient is named in it (RFC 6532 allows UTF-8 header fields there).
        content.append(received.getBytes(StandardCharsets.UTF_8));
    }

    /** Content as the decoder frames it; the session passes it on only while it receives. */
    void content(ByteBuf chunk) {
        try {
            if (chunkRefused != null && session.state() == SmtpSession.State.CHUNK) {
                return;
            }
            disk.appended(transaction.append(chunk, session.settings().maxMessageSize()));
        } finally {
            chunk.release();
        }
    }

    void endOfData() {
        session.enter(SmtpSession.State.COMMANDS);
        if (transaction.oversized()) {
            tooLarge();
        } else {
            deliver();
        }
    }

    private void tooLarge() {
        String queueId = transaction.queueId();
        LOG.fine(() -> session.name() + ": message " + queueId + " exceeds " + session.settings().maxMessageSize()
                + " bytes");
        transaction.reset();
        session.reply(Replies.MESSAGE_TOO_LARGE);
    }

    private void deliver() {
        String queueId = transaction.queueId();
        ReceivedMessage message = new ReceivedMessage(queueId, transaction.envelope(), session.sessionInfo(),
                transaction.handOver());
        session.enter(SmtpSession.State.DELIVERING);
        decoder.pause();
        session.updateAutoRead();
        session.ctx().flush();
        // The stage completes on a delivery thread; the session's state belongs to the event loop.
        Deliverer.start(deliverer, message).whenComplete((outcome, failure) -> session.onEventLoop(() -> delivered(queueId, outcome, failure)));
    }

    private void delivered(String queueId, DeliveryOutcome outcome, Throwable failure) {
        if (session.state() != SmtpSession.State.DELIVERING) {
            // The client left while the endpoint had the message; an accepted one may come again.
            LOG.log(outcome instanceof DeliveryOutcome.Accepted ? Level.INFO : Level.FINE,
                    () -> "message " + queueId + " ended with " + outcome + " after the client of " + session.name()
                            + " had gone; it was not told");
            return;
        }
        if (failure != null || outcome == null) {
            LOG.log(Level.WARNING, "delivery of message " + queueId + " ended without an outcome; told the "
                    + "client to try again", failure);
        } else if (!(outcome instanceof DeliveryOutcome.Accepted)) {
            // The deliverer logs refusals and failures at WARNING; this ties one to its session.
            LOG.fine(() -> session.name() + ": message " + queueId + " ended with " + outcome);
        }
        Reply reply = failure != null || outcome == null
                ? Replies.TRANSACTION_FAILED : Replies.forOutcome(queueId, outcome);
        transaction.reset();
        session.answered(reply, outcome instanceof DeliveryOutcome.Accepted);
    }
}

package org.mtalistener.smtp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.logging.Logger;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.DiskBackPressure;
import org.mtalistener.delivery.MessageReception;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.delivery.ReceivedMessage;
import org.mtalistener.mail.MailDate;
import org.mtalistener.mail.ReceivedHeader;
import org.mtalistener.mail.Reply;
import org.mtalistener.net.ClientAddress;

/**
 * DATA and BDAT, the content commands: from DATA or the first BDAT to the reply after the delivery. The content goes
 * into the transaction's buffer as the decoder frames it (the dot or the chunk size) and the finished message goes
 * to the deliverer, with reading held until its reply is out; the {@link MessageReception} does both, the SMTP
 * replies are said here.
 *
 * <p>Runs on the event loop like the session; a delivery completes on another thread and comes back to the loop.
 */
final class ContentCommands {

    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());

    private final SessionPort session;
    private final Transaction transaction;
    private final SmtpInputDecoder decoder;
    private final MessageReception reception;
    private final Clock clock;
    /** The BDAT chunk being read: its size and whether it is the last. */
    private long chunkSize;
    private boolean lastChunk;
    /** The reply for a chunk that is read only to be thrown away (BDAT out of sequence); null otherwise. */
    private Reply chunkRefused;

    ContentCommands(SessionPort session, Transaction transaction, SmtpInputDecoder decoder, MessageReception reception,
                    Clock clock) {
        this.session = session;
        this.transaction = transaction;
        this.decoder = decoder;
        this.reception = reception;
        this.clock = clock;
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
        String queueId = reception.nextQueueId();
        String received = ReceivedHeader.format(session.hello().name(), session.hello().esmtp(), session.tls() != null,
                transaction.smtpUtf8(), session.clientName(), session.client(),
                session.settings().receivedHostname(), queueId, transaction.recipients(), MailDate.now(clock));
        // ASCII unless an SMTPUTF8 recipient is named in it (RFC 6532 allows UTF-8 header fields there).
        transaction.startContent(reception.open(queueId, received.getBytes(StandardCharsets.UTF_8)), chunked);
    }

    /** Content as the decoder frames it; the session passes it on only while it receives. */
    void content(ByteBuf chunk) {
        if (chunkRefused != null && session.state() == SmtpSession.State.CHUNK || transaction.content() == null) {
            chunk.release();
            return;
        }
        reception.append(transaction.content(), chunk, session.settings().maxMessageSize());
    }

    void endOfData() {
        session.enter(SmtpSession.State.COMMANDS);
        if (transaction.oversized()) {
            tooLarge();
        } else if (decoder.messageHadBareNewline()
                && session.settings().policy().bareNewlines() == BareNewlinePolicy.REJECT) {
            String queueId = transaction.queueId();
            LOG.fine(() -> session.name() + ": message " + queueId + " holds a bare CR, LF or NUL, refused");
            transaction.reset();
            session.reply(Replies.BARE_NEWLINE_IN_MESSAGE);
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
        session.updateReading();
        // The replies before it leave now: the MDB call may be made on this thread, before the read is complete.
        session.flush();
        reception.deliver(message, outcome -> delivered(queueId, outcome));
    }

    private void delivered(String queueId, DeliveryOutcome outcome) {
        transaction.reset();
        session.answered(Replies.forOutcome(queueId, outcome), outcome instanceof DeliveryOutcome.Accepted);
    }
}

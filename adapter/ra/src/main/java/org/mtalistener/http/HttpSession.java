package org.mtalistener.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.net.ssl.SSLSession;
import org.mtalistener.api.Envelope;
import org.mtalistener.api.Protocol;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.MessageContent;
import org.mtalistener.delivery.MessageReception;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.delivery.ReceivedMessage;
import org.mtalistener.log.ClientText;
import org.mtalistener.mail.MailDate;
import org.mtalistener.mail.ReceivedHeader;
import org.mtalistener.net.ClientAddress;
import org.mtalistener.net.ProtocolSession;
import org.mtalistener.net.TlsContexts;

/**
 * The server side of one HTTP connection: one request at a time, each answered only after the MDB's transaction
 * for all of its messages ended. A request's head is checked (path, method, credentials, size, type) before its
 * body is asked for ({@code Expect: 100-continue}); its body is a JSON injection, held until it is whole, or a raw
 * message, streamed into its content buffer; then every message of it goes to the MDB in one call.
 *
 * <p>Everything here runs on the channel's event loop and never blocks it. Reading stops while a request is with
 * the MDB (a pipelined request waits in {@link HeldBytes}, or here if the codec had already decoded it), and while
 * the disk is behind.
 */
final class HttpSession extends ProtocolSession {

    private static final Logger LOG = Logger.getLogger(HttpSession.class.getName());
    static final String INJECT = "/v1.0/inject";
    static final String MESSAGES = "/v1.0/messages";

    private enum State {
        AWAIT_REQUEST,
        RECEIVING,
        /** the request is refused already: its body is read and dropped, then the refusal goes out */
        DISCARDING,
        DELIVERING
    }

    private final HttpSettings settings;
    private final MessageReception reception;
    private final boolean allOrNothing;
    private final Clock clock;
    /** What the codec decoded while a request was with the MDB: handled, in order, once it is answered. */
    private final ArrayDeque<Object> held = new ArrayDeque<>();

    private State state = State.AWAIT_REQUEST;
    private String requestLine;
    private long started;
    private boolean keepAlive;
    private long bodyBytes;
    private String user;
    /** The body of the request being received: one of the two, or neither while discarding. */
    private CompositeByteBuf json;
    private RawMessage raw;
    private FullHttpResponse refusal;

    /** A raw message while its body arrives. */
    private record RawMessage(Envelope envelope, MessageContent content, LineEnds lineEnds) {
    }

    HttpSession(HttpSettings settings, Deliverer deliverer, Supplier<ContentBuffer> contentBuffers, QueueIds queueIds,
                boolean allOrNothing, Clock clock, HeldBytes decoder) {
        super(LOG, decoder, settings.idleTime());
        this.settings = settings;
        this.reception = new MessageReception(this, LOG, deliverer, contentBuffers, queueIds);
        this.allOrNothing = allOrNothing;
        this.clock = clock;
    }

    @Override
    protected void opened() {
        // HTTP has no greeting: the client speaks first
    }

    @Override
    protected void read(Object msg) {
        if (state == State.DELIVERING || !held.isEmpty()) {
            held.add(msg);
        } else {
            handle(msg);
        }
    }

    private void handle(Object msg) {
        if (msg instanceof HttpRequest request) {
            head(request);
        }
        if (msg instanceof HttpContent content) {
            try {
                body(content);
            } finally {
                ReferenceCountUtil.release(content);
            }
            if (msg instanceof LastHttpContent && !closed()) {
                end();
            }
        } else if (!(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
        }
    }

    // --- the head

    private void head(HttpRequest request) {
        started = System.nanoTime();
        requestLine = request.method() + " " + request.uri() + " " + request.protocolVersion();
        keepAlive = HttpUtil.isKeepAlive(request);
        bodyBytes = 0;
        user = null;
        state = State.RECEIVING;
        if (request.decoderResult().isFailure()) {
            // The stream cannot be framed any more: answer and close.
            keepAlive = false;
            refuseNow(HttpReplies.error(ctx().alloc(), HttpResponseStatus.BAD_REQUEST, "request",
                    "not an HTTP/1.1 request: " + request.decoderResult().cause().getMessage()));
            return;
        }
        try {
            accept(request);
        } catch (BadRequest bad) {
            FullHttpResponse response = HttpReplies.error(ctx().alloc(), bad);
            if (bad.status() == 405) {
                response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
            }
            refuse(request, response);
        } catch (Unauthorized unauthorized) {
            refuse(request, unauthorized.response);
        }
    }

    /** Checks the head and opens the body; a refusal throws before anything is opened. */
    private void accept(HttpRequest request) throws BadRequest, Unauthorized {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path().endsWith("/") && uri.path().length() > 1
                ? uri.path().substring(0, uri.path().length() - 1) : uri.path();
        if (!path.equals(INJECT) && !path.equals(MESSAGES)) {
            throw new BadRequest(404, "path", "no such resource: POST " + INJECT + "/ (JSON injection) or POST "
                    + MESSAGES + " (message/rfc822)");
        }
        if (!request.method().equals(HttpMethod.POST)) {
            throw new BadRequest(405, "method", request.method() + " is not taken here: use POST");
        }
        authenticate(request);
        if (HttpUtil.isTransferEncodingChunked(request) && settings.disableChunked()) {
            throw new BadRequest(411, "Transfer-Encoding", "chunked bodies are disabled on this listener "
                    + "(Disable_Chunked): send Content-Length");
        }
        long length = HttpUtil.getContentLength(request, -1L);
        if (settings.maxRequestSize() > 0 && length > settings.maxRequestSize()) {
            throw new BadRequest(413, "Content-Length", length + " bytes; this listener takes at most "
                    + settings.maxRequestSize() + " (Max_Request_Size)");
        }
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && !HttpUtil.is100ContinueExpected(request)) {
            throw new BadRequest(417, "Expect", "only 100-continue is understood");
        }
        if (path.equals(INJECT)) {
            json = ctx().alloc().compositeBuffer(Integer.MAX_VALUE);
        } else {
            raw = raw(request, uri);
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx().writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
    }

    /** Credentials missing or wrong: 401 with a challenge. */
    private static final class Unauthorized extends Exception {
        private final transient FullHttpResponse response;

        Unauthorized(FullHttpResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    private void authenticate(HttpRequest request) throws BadRequest, Unauthorized {
        HttpAuth.Verdict verdict = settings.auth().check(request.headers().get(HttpHeaderNames.AUTHORIZATION),
                request.method().name(), request.uri(),
                tls() != null ? tls().clientSubject() : null);
        if (verdict instanceof HttpAuth.Verdict.Forbidden) {
            LOG.fine(() -> name() + ": refused by Always_Deny");
            throw new BadRequest(403, null, "this client may not inject here");
        }
        if (verdict instanceof HttpAuth.Verdict.Challenged challenged) {
            LOG.info(() -> name() + ": authentication failed: " + challenged.reason());
            throw new Unauthorized(HttpReplies.unauthorized(ctx().alloc(),
                    settings.auth().challenges(challenged.stale())));
        }
        user = ((HttpAuth.Verdict.Allowed) verdict).user();
    }

    /** The envelope of a raw message (query parameters, else headers: from, repeated to) and its content. */
    private RawMessage raw(HttpRequest request, QueryStringDecoder uri) throws BadRequest {
        String type = String.valueOf(HttpUtil.getMimeType(request));
        if (!type.equalsIgnoreCase("message/rfc822")) {
            throw new BadRequest(415, "Content-Type", "expected message/rfc822, got " + ClientText.quoted(type));
        }
        Map<String, List<String>> parameters = uri.parameters();
        List<String> from = parameters.getOrDefault("from", request.headers().getAll("from"));
        List<String> to = parameters.getOrDefault("to", request.headers().getAll("to"));
        if (from.size() != 1) {
            throw new BadRequest("from", "one sender expected (?from=... or a From header; empty for the null "
                    + "sender), got " + from.size());
        }
        if (to.isEmpty()) {
            throw new BadRequest("to", "at least one recipient expected: ?to=...&to=... or To headers");
        }
        String sender = from.get(0).isEmpty() ? "" : Addresses.mailbox(from.get(0), "from");
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < to.size(); i++) {
            recipients.add(Addresses.mailbox(to.get(i), "to[" + i + "]"));
        }
        if (settings.maxRecipients() > 0 && recipients.size() > settings.maxRecipients()) {
            throw new BadRequest(413, "to", recipients.size() + " recipients; this listener takes at most "
                    + settings.maxRecipients() + " in one request");
        }
        String queueId = reception.nextQueueId();
        return new RawMessage(new Envelope(sender, recipients, Map.of()), reception.open(queueId,
                received(queueId, recipients)), new LineEnds());
    }

    private byte[] received(String queueId, List<String> recipients) {
        return ReceivedHeader.format("", tls() != null ? "HTTPS" : "HTTP", ClientAddress.of(ctx().channel()),
                settings.receivedHostname(), queueId, recipients, MailDate.now(clock)).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A refused head: if the client waits for 100 Continue it sends no body, so the refusal goes out now and the
     * connection closes (the client may yet send it); otherwise the body is read and dropped first, and the
     * connection stays.
     */
    private void refuse(HttpRequest request, FullHttpResponse response) {
        dropBody();
        if (HttpUtil.is100ContinueExpected(request) || response.status().code() == 413) {
            keepAlive = false;
            refuseNow(response);
        } else {
            refusal = response;
            state = State.DISCARDING;
        }
    }

    private void refuseNow(FullHttpResponse response) {
        dropBody();
        keepAlive = false;
        reply(response);
    }

    // --- the body

    private void body(HttpContent content) {
        if (state != State.RECEIVING) {
            return;
        }
        ByteBuf bytes = content.content();
        bodyBytes += bytes.readableBytes();
        if (settings.maxRequestSize() > 0 && bodyBytes > settings.maxRequestSize()) {
            refuseNow(HttpReplies.error(ctx().alloc(), HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body",
                    "more than " + settings.maxRequestSize() + " bytes (Max_Request_Size)"));
            return;
        }
        if (json != null) {
            json.addComponent(true, bytes.retain());
        } else if (raw != null && bytes.isReadable()) {
            byte[] chunk = new byte[bytes.readableBytes()];
            bytes.getBytes(bytes.readerIndex(), chunk);
            reception.append(raw.content(), Unpooled.wrappedBuffer(raw.lineEnds().toCrlf(chunk, 0, chunk.length)),
                    0);
        }
    }

    private void end() {
        if (state == State.DISCARDING) {
            FullHttpResponse response = refusal;
            refusal = null;
            reply(response);
            return;
        }
        if (state != State.RECEIVING) {
            return;
        }
        List<ReceivedMessage> messages = new ArrayList<>();
        List<HttpReplies.Taken> taken = new ArrayList<>();
        try {
            if (json != null) {
                inject(messages, taken);
            } else {
                RawMessage message = raw;
                raw = null;
                reception.append(message.content(), Unpooled.wrappedBuffer(message.lineEnds().end()), 0);
                String queueId = message.content().queueId();
                messages.add(new ReceivedMessage(queueId, message.envelope(), sessionInfo(),
                        message.content().handOver()));
                message.envelope().recipients().forEach(to -> taken.add(new HttpReplies.Taken(to, queueId)));
            }
        } catch (BadRequest bad) {
            messages.forEach(message -> message.content().release());
            reply(HttpReplies.error(ctx().alloc(), bad));
            return;
        }
        state = State.DELIVERING;
        updateReading();
        reception.deliverAll(messages, outcome -> delivered(outcome, taken));
    }

    /** One message per recipient of the JSON body, or none: a bad field refuses the whole request. */
    private void inject(List<ReceivedMessage> messages, List<HttpReplies.Taken> taken) throws BadRequest {
        InjectRequest request;
        try (ByteBufInputStream body = new ByteBufInputStream(json, true)) {
            json = null;
            request = InjectRequest.read(body, settings.maxRecipients());
        } catch (java.io.IOException e) {
            throw new BadRequest("body", "unreadable: " + e.getMessage());
        }
        if (request.recipients().size() > 1 && !allOrNothing) {
            throw new BadRequest(422, "recipients", "this listener's MDB takes messages outside a transaction, so "
                    + "several cannot be taken all or none: send one recipient per request");
        }
        SessionInfo session = sessionInfo();
        for (int i = 0; i < request.recipients().size(); i++) {
            InjectRequest.Recipient recipient = request.recipients().get(i);
            String text = request.template().fill(recipient.placeholders(), "recipients[" + i + "].vctx");
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            LineEnds lineEnds = new LineEnds();
            String queueId = reception.nextQueueId();
            MessageContent content = reception.open(queueId, received(queueId, List.of(recipient.to())));
            reception.append(content, Unpooled.wrappedBuffer(lineEnds.toCrlf(bytes, 0, bytes.length),
                    lineEnds.end()), 0);
            messages.add(new ReceivedMessage(queueId, new Envelope(recipient.from(), List.of(recipient.to()),
                    Map.of()), session, content.handOver()));
            taken.add(new HttpReplies.Taken(recipient.to(), queueId));
        }
    }

    private void delivered(DeliveryOutcome outcome, List<HttpReplies.Taken> taken) {
        if (outcome instanceof DeliveryOutcome.Accepted) {
            reply(HttpReplies.accepted(ctx().alloc(), taken));
        } else if (outcome instanceof DeliveryOutcome.Rejected rejected && rejected.code() >= 500) {
            reply(HttpReplies.rejected(ctx().alloc(), rejected.code(), rejected.enhancedCode(), rejected.text()));
        } else if (outcome instanceof DeliveryOutcome.Rejected rejected) {
            reply(HttpReplies.retryLater(ctx().alloc(), rejected.text()));
        } else {
            reply(HttpReplies.retryLater(ctx().alloc(), "nothing of the request was taken; try again later"));
        }
    }

    // --- the reply

    /** Answers the request; the connection stays for the next one unless either side said close. */
    private void reply(FullHttpResponse response) {
        if (settings.logRequests()) {
            AccessLog.log(clock.instant(), ClientAddress.of(ctx().channel()), requestLine, response.status().code(),
                    response.content().readableBytes(), System.nanoTime() - started);
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        if (!keepAlive) {
            closeWith(response);
            return;
        }
        ctx().writeAndFlush(response);
        state = State.AWAIT_REQUEST;
        while (!held.isEmpty() && state != State.DELIVERING && !closed()) {
            handle(held.poll());
        }
        if (state != State.DELIVERING && !closed()) {
            readAgain();
        }
    }

    private void dropBody() {
        if (json != null) {
            json.release();
            json = null;
        }
        if (raw != null) {
            raw.content().drop();
            raw = null;
        }
    }

    // --- the session's life

    @Override
    protected void ended() {
        dropBody();
        if (refusal != null) {
            refusal.release();
            refusal = null;
        }
        held.forEach(ReferenceCountUtil::release);
        held.clear();
    }

    @Override
    protected void disconnected(boolean unexpectedly) {
        ended();
    }

    @Override
    protected void idle() {
        if (state == State.AWAIT_REQUEST) {
            LOG.fine(() -> name() + ": idle for " + settings.idleTime() + ", closing");
            close();
        } else {
            keepAlive = false;
            refuseNow(HttpReplies.error(ctx().alloc(), HttpResponseStatus.REQUEST_TIMEOUT, "body",
                    "nothing came for " + settings.idleTime().toSeconds() + " seconds (Idle_Time)"));
        }
    }

    @Override
    protected void listenerClosing() {
        if (state == State.AWAIT_REQUEST) {
            close();
        } else {
            refuseNow(HttpReplies.retryLater(ctx().alloc(), "the listener is shutting down; try again later"));
        }
    }

    @Override
    protected boolean awaitsAnswer() {
        return state == State.DELIVERING;
    }

    @Override
    protected boolean readsNow() {
        return state != State.DELIVERING && held.isEmpty() && !reception.congested()
                && ctx().channel().isWritable();
    }

    /** The TLS of the connection, once its handshake is done; null on plain HTTP. */
    private SessionInfo.Tls tls() {
        SslHandler ssl = ctx().pipeline().get(SslHandler.class);
        if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
            return null;
        }
        SSLSession session = ssl.engine().getSession();
        return new SessionInfo.Tls(session.getProtocol(), session.getCipherSuite(),
                TlsContexts.verifiedClientSubject(session));
    }

    private SessionInfo sessionInfo() {
        return new SessionInfo(settings.listenerName(), Protocol.HTTP, ctx().channel().localAddress(),
                ClientAddress.of(ctx().channel()), "", tls(), Map.of(), user);
    }

    @Override
    public String name() {
        return settings.listenerName() + " " + ClientAddress.of(ctx().channel());
    }
}

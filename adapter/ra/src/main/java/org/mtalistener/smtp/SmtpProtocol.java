package org.mtalistener.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.delivery.RecipientChecker;
import org.mtalistener.mail.Reply;
import org.mtalistener.net.LastWord;

/**
 * ESMTP for one listener: builds the pipeline of each accepted connection. Shared by all of the listener's
 * channels; every channel gets its own decoder and session.
 */
public final class SmtpProtocol {

    /** Handler names, for layers (TLS, PROXY protocol) that insert themselves before {@link #DECODER}. */
    public static final String TLS = "tls";
    public static final String DECODER = "smtp-decoder";
    public static final String SESSION = "smtp-session";

    private final SmtpSettings settings;
    private final Deliverer deliverer;
    private final RecipientChecker checker;
    private final Supplier<ContentBuffer> contentBuffers;
    private final QueueIds queueIds;
    private final Runnable refused;
    private final Clock clock;

    /**
     * @param contentBuffers gives a fresh, empty content buffer for each message
     * @param queueIds       names each message at DATA time
     */
    public SmtpProtocol(SmtpSettings settings, Deliverer deliverer, Supplier<ContentBuffer> contentBuffers,
                        QueueIds queueIds) {
        this(settings, deliverer, null, contentBuffers, queueIds);
    }

    /**
     * @param checker the MDB's recipient check, which clients under Recipient_Check get; null when the MDB has none
     *                (Recipient_Check then changes nothing)
     */
    public SmtpProtocol(SmtpSettings settings, Deliverer deliverer, RecipientChecker checker,
                        Supplier<ContentBuffer> contentBuffers, QueueIds queueIds) {
        this(settings, deliverer, checker, contentBuffers, queueIds, () -> { });
    }

    /** @param refused told of each 4xx or 5xx reply of the listener's own (not the MDB's answers) */
    public SmtpProtocol(SmtpSettings settings, Deliverer deliverer, RecipientChecker checker,
                        Supplier<ContentBuffer> contentBuffers, QueueIds queueIds, Runnable refused) {
        this(settings, deliverer, checker, contentBuffers, queueIds, Clock.systemDefaultZone(), refused);
    }

    SmtpProtocol(SmtpSettings settings, Deliverer deliverer, RecipientChecker checker,
                 Supplier<ContentBuffer> contentBuffers, QueueIds queueIds, Clock clock, Runnable refused) {
        this.refused = Objects.requireNonNull(refused, "refused");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.deliverer = Objects.requireNonNull(deliverer, "deliverer");
        this.checker = checker;
        this.contentBuffers = Objects.requireNonNull(contentBuffers, "contentBuffers");
        this.queueIds = Objects.requireNonNull(queueIds, "queueIds");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SmtpSettings settings() {
        return settings;
    }

    // what every session of the listener shares

    Deliverer deliverer() {
        return deliverer;
    }

    /** The MDB's recipient check; null when it has none. */
    RecipientChecker checker() {
        return checker;
    }

    Supplier<ContentBuffer> contentBuffers() {
        return contentBuffers;
    }

    QueueIds queueIds() {
        return queueIds;
    }

    Clock clock() {
        return clock;
    }

    /** A 4xx or 5xx reply of the listener's own. */
    void refused() {
        refused.run();
    }

    /**
     * Adds the SMTP handlers at the end of a new channel's pipeline, e.g. from a {@code ChannelInitializer}. The
     * greeting goes out as soon as the channel is active.
     */
    public void initChannel(Channel channel) {
        initChannel(channel, settings);
    }

    /**
     * Answers a connection over a session limit (Listener_Sessions, Service_Sessions: {@code 421 4.4.5};
     * Max_Sessions_Per_Client: {@code 421 4.7.0}) and closes it, without a session.
     */
    public void refuse(Channel channel, Reply refusal) {
        channel.pipeline().addLast(SESSION, new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                ByteBuf reply = ByteBufUtil.writeAscii(ctx.alloc(), refusal.render(true));
                ctx.writeAndFlush(reply).addListener(LastWord.THEN_CLOSE);
            }
        });
    }

    /**
     * As {@link #initChannel(Channel)}, with settings of the connection's own (a Peer ACL's). With implicit TLS the
     * TLS handler comes first and the greeting waits for the handshake.
     */
    public void initChannel(Channel channel, SmtpSettings settings) {
        initChannel(channel, settings, client -> settings);
    }

    /**
     * As {@link #initChannel(Channel, SmtpSettings)}; {@code lookup} gives the settings of a client a trusted peer
     * names with XCLIENT or XREMOTEIP (the Peer ACL's for that address). It runs on the event loop, so it must not
     * block.
     */
    public void initChannel(Channel channel, SmtpSettings settings, Function<SocketAddress, SmtpSettings> lookup) {
        ChannelPipeline pipeline = channel.pipeline();
        if (settings.tls().implicit()) {
            pipeline.addLast(TLS, settings.tls().newHandler(channel.alloc()));
        }
        SmtpInputDecoder decoder = new SmtpInputDecoder(settings.policy().bareNewlines(), settings.idleTime(),
                settings.policy().minDataRate());
        pipeline.addLast(DECODER, decoder);
        pipeline.addLast(SESSION, new SmtpSession(this, settings, decoder, lookup));
    }
}

package org.mtalistener.ecstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.net.LastWord;

/**
 * ECStream ({@code docs/ecstream.md}) for one listener: builds the pipeline of each accepted connection. Shared by
 * all of the listener's channels; every channel gets its own decoder and session. The counterpart of
 * {@code SmtpProtocol}.
 */
public final class EcstreamProtocol {

    /** Handler names, for layers (TLS, PROXY protocol) that insert themselves before {@link #DECODER}. */
    public static final String DECODER = "ecstream-decoder";
    public static final String SESSION = "ecstream-session";

    private final EcstreamSettings settings;
    private final Deliverer deliverer;
    private final Supplier<ContentBuffer> contentBuffers;
    private final QueueIds queueIds;
    private final Clock clock;

    /**
     * @param contentBuffers gives a fresh, empty content buffer for each message
     * @param queueIds       names each message as its MESSAGE frame arrives
     */
    public EcstreamProtocol(EcstreamSettings settings, Deliverer deliverer, Supplier<ContentBuffer> contentBuffers,
                            QueueIds queueIds) {
        this(settings, deliverer, contentBuffers, queueIds, Clock.systemDefaultZone());
    }

    EcstreamProtocol(EcstreamSettings settings, Deliverer deliverer, Supplier<ContentBuffer> contentBuffers,
                     QueueIds queueIds, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.deliverer = Objects.requireNonNull(deliverer, "deliverer");
        this.contentBuffers = Objects.requireNonNull(contentBuffers, "contentBuffers");
        this.queueIds = Objects.requireNonNull(queueIds, "queueIds");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public EcstreamSettings settings() {
        return settings;
    }

    /** Adds the ECStream handlers at the end of a new channel's pipeline; HELLO goes out once it is active. */
    public void initChannel(Channel channel) {
        initChannel(channel, settings);
    }

    /** As {@link #initChannel(Channel)}, with settings of the connection's own (a Peer ACL's). */
    public void initChannel(Channel channel, EcstreamSettings settings) {
        ChannelPipeline pipeline = channel.pipeline();
        EcstreamDecoder decoder = new EcstreamDecoder();
        pipeline.addLast(DECODER, decoder);
        pipeline.addLast(SESSION, new EcstreamSession(settings, deliverer, contentBuffers, queueIds, clock, decoder));
    }

    /**
     * Answers a connection over a session limit (Listener_Sessions, Service_Sessions) with BYE {@code 421} and
     * closes it, without a session or HELLO: a client reading HELLO sees BYE and knows why.
     */
    public void refuse(Channel channel) {
        channel.pipeline().addLast(SESSION, new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                ctx.writeAndFlush(ServerFrames.bye(ctx.alloc(), EcstreamReplies.BYE_CONCURRENCY))
                        .addListener(LastWord.THEN_CLOSE);
            }
        });
    }
}

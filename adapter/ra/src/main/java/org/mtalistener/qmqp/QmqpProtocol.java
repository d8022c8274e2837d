package org.mtalistener.qmqp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.net.LastWord;

/**
 * QMQP for one listener: builds the pipeline of each accepted connection. Shared by all of the listener's channels;
 * every channel gets its own decoder and session. The counterpart of {@code EcstreamProtocol}.
 */
public final class QmqpProtocol {

    /** Handler names, for layers (PROXY protocol) that insert themselves before {@link #DECODER}. */
    public static final String DECODER = "qmqp-decoder";
    public static final String SESSION = "qmqp-session";

    private final Deliverer deliverer;
    private final Supplier<ContentBuffer> contentBuffers;
    private final QueueIds queueIds;
    private final Runnable refused;
    private final Clock clock;

    /**
     * @param contentBuffers gives a fresh, empty content buffer for each message
     * @param queueIds       names each message as its content begins
     * @param refused        counts each answer a session gives on its own (not the MDB's)
     */
    public QmqpProtocol(Deliverer deliverer, Supplier<ContentBuffer> contentBuffers, QueueIds queueIds,
                        Runnable refused) {
        this(deliverer, contentBuffers, queueIds, refused, Clock.systemDefaultZone());
    }

    QmqpProtocol(Deliverer deliverer, Supplier<ContentBuffer> contentBuffers, QueueIds queueIds, Runnable refused,
                 Clock clock) {
        this.deliverer = Objects.requireNonNull(deliverer, "deliverer");
        this.contentBuffers = Objects.requireNonNull(contentBuffers, "contentBuffers");
        this.queueIds = Objects.requireNonNull(queueIds, "queueIds");
        this.refused = Objects.requireNonNull(refused, "refused");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds the QMQP handlers, with the settings of the connection's client, at the end of its pipeline. */
    public void initChannel(Channel channel, QmqpSettings settings) {
        // A client may shut its side once its request is out and still wait for the answer.
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        ChannelPipeline pipeline = channel.pipeline();
        QmqpDecoder decoder = new QmqpDecoder();
        pipeline.addLast(DECODER, decoder);
        pipeline.addLast(SESSION, new QmqpSession(settings, deliverer, contentBuffers, queueIds, refused, clock,
                decoder));
    }

    /**
     * Answers a connection over a session limit (Listener_Sessions, Max_Sessions_Per_Client) with {@code Z} and
     * closes it, without a session: the client retries later, as on any Z.
     */
    public void refuse(Channel channel, boolean perClient) {
        channel.pipeline().addLast(SESSION, new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                ctx.writeAndFlush(QmqpReplies.refused(ctx.alloc(), perClient ? QmqpReplies.TOO_MANY_FROM_CLIENT
                        : QmqpReplies.CONCURRENCY_LIMIT)).addListener(LastWord.THEN_CLOSE);
            }
        });
    }
}

package org.mtalistener.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpServerCodec;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.net.LastWord;
import org.mtalistener.net.TlsContexts;

/**
 * HTTP_Listener for one listener: Momentum's REST injection ({@code POST /v1.0/inject/}) and a raw message
 * ({@code POST /v1.0/messages}, {@code message/rfc822}), on Netty's HTTP/1.1 codec. Builds the pipeline of each
 * accepted connection; the counterpart of {@code SmtpProtocol}.
 */
public final class HttpProtocol {

    /** Handler names, for layers (PROXY protocol) that insert themselves in front. */
    public static final String TLS = "http-tls";
    public static final String HELD = "http-held";
    public static final String CODEC = "http-codec";
    public static final String SESSION = "http-session";

    private final Deliverer deliverer;
    private final Supplier<ContentBuffer> contentBuffers;
    private final QueueIds queueIds;
    private final boolean allOrNothing;
    private final Clock clock;

    /**
     * @param allOrNothing whether the deliverer takes several messages in one transaction (a transacted MDB);
     *                     without it an injection may have one recipient only
     */
    public HttpProtocol(Deliverer deliverer, Supplier<ContentBuffer> contentBuffers, QueueIds queueIds,
                        boolean allOrNothing) {
        this(deliverer, contentBuffers, queueIds, allOrNothing, Clock.systemDefaultZone());
    }

    HttpProtocol(Deliverer deliverer, Supplier<ContentBuffer> contentBuffers, QueueIds queueIds, boolean allOrNothing,
                 Clock clock) {
        this.deliverer = Objects.requireNonNull(deliverer, "deliverer");
        this.contentBuffers = Objects.requireNonNull(contentBuffers, "contentBuffers");
        this.queueIds = Objects.requireNonNull(queueIds, "queueIds");
        this.allOrNothing = allOrNothing;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds the HTTP handlers at the end of a new channel's pipeline, with the settings of the connection's client. */
    public void initChannel(Channel channel, HttpSettings settings) {
        ChannelPipeline pipeline = channel.pipeline();
        if (settings.tls() != null) {
            pipeline.addLast(TLS, TlsContexts.newHandler(settings.tls(), channel.alloc(),
                    settings.allowRenegotiation()));
        }
        HeldBytes held = new HeldBytes();
        pipeline.addLast(HELD, held);
        pipeline.addLast(CODEC, new HttpServerCodec());
        pipeline.addLast(SESSION, new HttpSession(settings, deliverer, contentBuffers, queueIds, allOrNothing, clock,
                held));
    }

    /** Answers a connection over a session limit with 503 and Retry-After, and closes it. */
    public void refuse(Channel channel) {
        channel.pipeline().addLast(CODEC, new HttpServerCodec());
        channel.pipeline().addLast(SESSION, new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                FullHttpResponse busy = HttpReplies.retryLater(ctx.alloc(), "too many connections; try again later");
                busy.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(busy).addListener(LastWord.THEN_CLOSE);
            }
        });
    }
}

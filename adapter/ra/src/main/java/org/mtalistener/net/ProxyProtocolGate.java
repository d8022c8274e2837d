package org.mtalistener.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol.AddressFamily;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.mtalistener.log.ClientText;

/**
 * Proxy_Protocol: a connection must open with a PROXY protocol header (version 1 or 2) naming the original client,
 * within Proxy_Protocol_Timeout; only then does the session start, seeing that client. A missing, late or bad header
 * ends the connection without a greeting, as Momentum does. A version 2 LOCAL header (a proxy's health check) keeps
 * the proxy's own address, and so does one naming a Unix socket client.
 */
public final class ProxyProtocolGate extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ProxyProtocolGate.class.getName());

    private final Duration timeout;
    private final Consumer<Channel> session;
    private ScheduledFuture<?> deadline;
    /**
     * The header was refused and the connection is closing: what the decoder still passes on from the same read (a
     * later line of the input that parses as a header) starts nothing.
     */
    private boolean refused;

    /**
     * @param timeout how long the header may take; zero: no limit
     * @param session starts the session on the channel once its client is known
     */
    private ProxyProtocolGate(Duration timeout, Consumer<Channel> session) {
        this.timeout = timeout;
        this.session = session;
    }

    /** Puts the header decoder and the gate at the front of a new channel's pipeline. */
    public static void install(Channel channel, Duration timeout, Consumer<Channel> session) {
        channel.pipeline().addLast(new HAProxyMessageDecoder(), new ProxyProtocolGate(timeout, session));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (!timeout.isZero()) {
            deadline = ctx.executor().schedule(() -> {
                LOG.fine(() -> ctx.channel().remoteAddress() + ": no PROXY header within " + timeout + ", closing");
                refused = true;
                ctx.close();
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            InetAddress source = header.command() == HAProxyCommand.PROXY && isInet(header)
                    ? NetUtil.createInetAddressFromIpAddressString(header.sourceAddress()) : null;
            if (source != null) {
                ctx.channel().attr(ClientAddress.KEY).set(new InetSocketAddress(source, header.sourcePort()));
            }
        } finally {
            ReferenceCountUtil.release(header);
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        ctx.pipeline().remove(this);
        session.accept(ctx.channel());
    }

    /**
     * Whether the header names an IPv4 or IPv6 client. A Unix socket path (version 2's AF_UNIX) is no client address:
     * taken for a host name, it would be looked up on the event loop.
     */
    private static boolean isInet(HAProxyMessage header) {
        AddressFamily family = header.proxiedProtocol().addressFamily();
        return family == AddressFamily.AF_IPv4 || family == AddressFamily.AF_IPv6;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.fine(() -> ctx.channel().remoteAddress() + ": not a PROXY protocol header, closing: "
                + ClientText.escaped(String.valueOf(cause)));
        refused = true;
        ctx.close();
    }
}

package org.mtalistener.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/** A Netty server of a test's own (not the resource adapter's) on 127.0.0.1 and a port of the system's choosing. */
public final class LoopbackServer {

    private LoopbackServer() {
    }

    /** Listens on {@code loops}; {@code setUp} builds each accepted connection's pipeline. Returns the address. */
    public static InetSocketAddress listen(EventLoopGroup loops, Consumer<Channel> setUp) throws InterruptedException {
        Channel server = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        setUp.accept(ch);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        return (InetSocketAddress) server.localAddress();
    }
}

package org.mtalistener.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Every reply of the HTTP listener, in one place: a JSON body, its length, never chunked. Success only after the
 * MDB's transaction committed; an error names the field at fault, or says when to come back.
 */
final class HttpReplies {

    /** Seconds a client is asked to wait before it tries again after a 503. */
    static final int RETRY_AFTER_SECONDS = 30;

    private HttpReplies() {
    }

    /** A message taken: the recipient it went to and its queue id. */
    record Taken(String to, String queueId) {
    }

    /** 200: every message of the request was taken, in one committed transaction. */
    static FullHttpResponse accepted(ByteBufAllocator alloc, List<Taken> messages) {
        JsonArrayBuilder list = InjectRequest.JSON.createArrayBuilder();
        messages.forEach(m -> list.add(InjectRequest.JSON.createObjectBuilder().add("to", m.to())
                .add("queue_id", m.queueId())));
        return json(alloc, HttpResponseStatus.OK, InjectRequest.JSON.createObjectBuilder()
                .add("results", InjectRequest.JSON.createObjectBuilder()
                        .add("total_accepted_recipients", messages.size())
                        .add("total_rejected_recipients", 0)
                        .add("messages", list))
                .build());
    }

    /** A client error naming the field at fault: 400, 404, 405, 411, 413, 415, 417, 422. */
    static FullHttpResponse error(ByteBufAllocator alloc, HttpResponseStatus status, String field, String message) {
        JsonObjectBuilder error = InjectRequest.JSON.createObjectBuilder();
        if (field != null) {
            error.add("field", field);
        }
        error.add("message", message);
        return json(alloc, status, InjectRequest.JSON.createObjectBuilder().add("error", error).build());
    }

    static FullHttpResponse error(ByteBufAllocator alloc, BadRequest bad) {
        return error(alloc, HttpResponseStatus.valueOf(bad.status()), bad.field(), bad.getMessage());
    }

    /** 503 with Retry-After: nothing of the request was taken; the same request may succeed later. */
    static FullHttpResponse retryLater(ByteBufAllocator alloc, String message) {
        FullHttpResponse response = error(alloc, HttpResponseStatus.SERVICE_UNAVAILABLE, null, message);
        response.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return response;
    }

    /** 422: the MDB refused the request for good (a 5xx RejectException); nothing of it was taken. */
    static FullHttpResponse rejected(ByteBufAllocator alloc, int code, String enhancedCode, String text) {
        JsonObjectBuilder error = InjectRequest.JSON.createObjectBuilder().add("code", code);
        if (enhancedCode != null) {
            error.add("enhanced_code", enhancedCode);
        }
        error.add("message", text);
        return json(alloc, HttpResponseStatus.UNPROCESSABLE_ENTITY,
                InjectRequest.JSON.createObjectBuilder().add("error", error).build());
    }

    /** 401 with a Basic challenge. */
    static FullHttpResponse unauthorized(ByteBufAllocator alloc, List<String> challenges) {
        FullHttpResponse response = error(alloc, HttpResponseStatus.UNAUTHORIZED, "Authorization",
                "this listener needs credentials: curl -u user:password (--digest for Digest)");
        response.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, challenges);
        return response;
    }

    private static FullHttpResponse json(ByteBufAllocator alloc, HttpResponseStatus status, JsonObject body) {
        byte[] bytes = (body.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                alloc.buffer(bytes.length).writeBytes(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }
}

package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;
import org.mtalistener.mail.Reply;

class RepliesTest {

    @Test
    void everyConstantCarriesAnEnhancedCodeMatchingItsClassExceptStartData() throws IllegalAccessException {
        for (Field field : Replies.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Reply.class) {
                Reply reply = (Reply) field.get(null);
                if (reply == Replies.START_DATA) {
                    continue;
                }
                assertEquals(String.valueOf(reply.code() / 100), reply.enhancedCode().substring(0, 1), field.getName());
            }
        }
    }
}

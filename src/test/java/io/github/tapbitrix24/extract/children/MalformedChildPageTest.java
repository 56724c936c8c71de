package io.github.tapbitrix24.extract.children;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixException;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.extract.ScriptedApi;
import io.github.tapbitrix24.extract.paging.StreamCalls;
import io.github.tapbitrix24.extract.paging.SubCallQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** A deal child's page of the wrong shape is retried, then fails naming the method; never "no rows". */
class MalformedChildPageTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static BatchResult answer(List<BatchCommand> cmds, Function<BatchCommand, JsonNode> result) {
        List<SubResult> out = new ArrayList<>();
        for (BatchCommand c : cmds) {
            out.add(new SubResult(c.key(), c.method(), result.apply(c), null, null, null, null));
        }
        return new BatchResult(out);
    }

    @Test
    void aCommentPageThatIsAStringIsRetriedAndThenReadWhole() {
        int[] calls = {0};
        ScriptedApi api = new ScriptedApi(cmds -> answer(cmds, c -> calls[0]++ == 0 ? F.stringNode("Array")
                : F.arrayNode().add(F.objectNode().put("ID", "1").put("ENTITY_ID", 7))));
        List<JsonNode> rows = new ArrayList<>();
        new CommentsFetcher(new SubCallQueue(api, d -> { })).fetch("deal_comments", List.of(7L), rows::add);
        assertEquals(2, api.batches.size(), "asked again");
        assertEquals(1, rows.size());
    }

    @Test
    void productRowsWithoutTheirListFailNamingTheMethod() {
        ScriptedApi api = new ScriptedApi(cmds -> answer(cmds, c -> F.objectNode().put("total", 3)));
        BitrixException e = assertThrows(BitrixException.class, () -> new ProductRowsFetcher(new SubCallQueue(api, d -> { }), "D")
                .fetch("deal_products", List.of(7L, 8L), r -> { }));
        assertTrue(e.getMessage().contains("crm.item.productrow.list"), e.getMessage());
        assertEquals(StreamCalls.MAX_ATTEMPTS, api.batches.size());
    }
}

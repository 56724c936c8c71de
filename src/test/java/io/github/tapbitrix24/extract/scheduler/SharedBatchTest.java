package io.github.tapbitrix24.extract.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.bitrix.TimeInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** How parked requests of several lanes become one batch request, and its answer theirs again. */
class SharedBatchTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A keyset chain as the pager builds it: k0 after {@code afterId}, each next one after the previous page. */
    private static List<BatchCommand> chain(String method, int length, long afterId) {
        List<BatchCommand> out = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            ObjectNode filter = F.objectNode();
            if (i == 0) {
                filter.put(">ID", afterId);
            } else {
                filter.put(">ID", "$result[k" + (i - 1) + "][49][ID]");
            }
            ObjectNode params = F.objectNode();
            params.set("filter", filter);
            out.add(new BatchCommand("k" + i, method, params));
        }
        return out;
    }

    private static Lane parked(String name, int index, List<BatchCommand> commands, int atLeast) {
        Object scheduler = new Object();
        Lane lane = new Lane(name, index, null, () -> { }, new Baton(scheduler), scheduler);
        lane.request = new LaneRequest.Batch(commands, atLeast);
        return lane;
    }

    private static List<String> keys(List<BatchCommand> commands) {
        return commands.stream().map(BatchCommand::key).toList();
    }

    @Test
    void twoChainsWithTheSameKeysGetKeysOfTheirOwnAndTheirReferencesFollow() {
        Lane deals = parked("deals", 0, chain("crm.deal.list", 2, 100), 1);
        Lane contacts = parked("contacts", 1, chain("crm.contact.list", 2, 7), 1);

        SharedBatch batch = SharedBatch.pack(List.of(deals, contacts), m -> 50);

        List<BatchCommand> sent = batch.commands();
        assertEquals(List.of("q0_k0", "q0_k1", "q1_k0", "q1_k1"), keys(sent));
        assertEquals(100, sent.get(0).params().path("filter").path(">ID").asLong());
        assertEquals("$result[q0_k0][49][ID]", sent.get(1).params().path("filter").path(">ID").asString());
        assertEquals(7, sent.get(2).params().path("filter").path(">ID").asLong());
        assertEquals("$result[q1_k0][49][ID]", sent.get(3).params().path("filter").path(">ID").asString());

        List<SubResult> answers = new ArrayList<>();
        for (BatchCommand c : sent) {
            answers.add(new SubResult(c.key(), c.method(), F.stringNode("page " + c.key()), null, 0L, TimeInfo.EMPTY,
                    null));
        }
        // the lanes' own commands keep their keys and references; the answer comes back under them
        BatchResult contactsAnswer = batch.resultOf(1, new BatchResult(answers));
        assertEquals(List.of("k0", "k1"), contactsAnswer.results().stream().map(SubResult::key).toList());
        assertEquals("page q1_k1", contactsAnswer.get("k1").result().asString());
        assertEquals("$result[k0][49][ID]", ((LaneRequest.Batch) contacts.request).commands().get(1).params()
                .path("filter").path(">ID").asString());
    }

    @Test
    void aRequestThatDoesNotFitWholeWaitsForTheNextOne() {
        Lane first = parked("deals", 0, chain("crm.deal.list", 30, 0), 1);
        Lane second = parked("contacts", 1, chain("crm.contact.list", 30, 0), 1);
        Lane third = parked("users", 2, chain("user.get", 20, 0), 1);

        SharedBatch batch = SharedBatch.pack(List.of(first, second, third), m -> 50);

        assertEquals(2, batch.parts().size());
        assertEquals(first, batch.parts().get(0).lane());
        assertEquals(third, batch.parts().get(1).lane(), "the contacts' chain is not cut to fill the room");
        assertEquals(50, batch.size());
    }

    @Test
    void theOldestIsCutToWhatItsMethodsBudgetAffordsAndOtherMethodsFillTheRest() {
        Lane deals = parked("deals", 0, chain("crm.deal.list", 50, 0), 1);
        Lane otherDeals = parked("deal_ids", 1, chain("crm.deal.list", 3, 0), 1);
        Lane contacts = parked("contacts", 2, chain("crm.contact.list", 10, 0), 1);

        SharedBatch batch = SharedBatch.pack(List.of(deals, otherDeals, contacts),
                m -> m.equals("crm.deal.list") ? 5 : 50);

        assertEquals(List.of("q0_k0", "q0_k1", "q0_k2", "q0_k3", "q0_k4", "q1_k0", "q1_k1", "q1_k2", "q1_k3",
                "q1_k4", "q1_k5", "q1_k6", "q1_k7", "q1_k8", "q1_k9"), keys(batch.commands()));
        assertEquals(2, batch.parts().size());
        assertEquals(contacts, batch.parts().get(1).lane(), "no room left for the other deal pages: they wait");
    }

    @Test
    void theOldestAlwaysGetsItsFirstCommandsEvenOverItsBudget() {
        List<BatchCommand> probeAndPage = chain("crm.deal.list", 2, 0);
        Lane deals = parked("deals", 0, probeAndPage, 2);

        SharedBatch batch = SharedBatch.pack(List.of(deals), m -> 1);

        assertEquals(2, batch.size(), "a first request (probe and page) goes whole");
    }
}

package io.github.tapbitrix24.bitrix;

import static io.github.tapbitrix24.bitrix.ClientFixture.params;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PhpQueryTest {

    private static String decoded(String json) {
        return URLDecoder.decode(PhpQuery.encode(params(json)), StandardCharsets.UTF_8);
    }

    @Test
    void nestedObjectsBecomeBracketedKeysAndArraysGetIndices() {
        assertEquals("filter[>ID]=5&select[0]=ID&select[1]=TITLE&order[ID]=ASC",
                decoded("{\"filter\":{\">ID\":5},\"select\":[\"ID\",\"TITLE\"],\"order\":{\"ID\":\"ASC\"}}"));
    }

    @Test
    void encodesKeysAndValuesLikePhpUrlencode() {
        assertEquals("filter%5B%3EID%5D=5&select%5B0%5D=ID&q=a+b%26c%3Dd%25%2A",
                PhpQuery.encode(params("{\"filter\":{\">ID\":5},\"select\":[\"ID\"],\"q\":\"a b&c=d%*\"}")));
    }

    @Test
    void batchReferencesAreEncodedAsOrdinaryStrings() {
        assertEquals("filter%5B%3EID%5D=%24result%5Bp0%5D%5B49%5D%5BID%5D",
                PhpQuery.encode(params("{\"filter\":{\">ID\":\"$result[p0][49][ID]\"}}")));
    }

    @Test
    void deeplyNestedArraysInsideObjectsKeepEveryLevel() {
        assertEquals("filter[=ownerId][0]=1&filter[=ownerId][1]=2&filter[=ownerType]=D",
                decoded("{\"filter\":{\"=ownerId\":[1,2],\"=ownerType\":\"D\"}}"));
    }

    @Test
    void booleansBecomeOneAndZeroAsHttpBuildQueryWritesThem() {
        assertEquals("ADMIN_MODE=1&full=0", decoded("{\"ADMIN_MODE\":true,\"full\":false}"));
    }

    @Test
    void nullsAndEmptyContainersAreLeftOut() {
        assertEquals("start=-1", decoded("{\"a\":null,\"select\":[],\"filter\":{},\"start\":-1}"));
    }

    @Test
    void numbersKeepTheirJsonText() {
        assertEquals("entityTypeId=2&ratio=0.5&big=12345678901", decoded("{\"entityTypeId\":2,\"ratio\":0.5,\"big\":12345678901}"));
    }

    @Test
    void unicodeIsUtf8PercentEncoded() {
        assertEquals("TITLE=%D0%A1%D0%B4%D0%B5%D0%BB%D0%BA%D0%B0", PhpQuery.encode(params("{\"TITLE\":\"Сделка\"}")));
    }

    @Test
    void emptyParamsGiveAnEmptyQuery() {
        assertEquals("", PhpQuery.encode(params("{}")));
    }
}

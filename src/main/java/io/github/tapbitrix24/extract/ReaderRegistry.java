package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.extract.children.DealChildrenReader;
import io.github.tapbitrix24.extract.paging.IdWindowReader;
import io.github.tapbitrix24.extract.paging.KeysetPager;
import io.github.tapbitrix24.extract.paging.KeysetStreamReader;
import io.github.tapbitrix24.extract.paging.OffsetPagedReader;
import io.github.tapbitrix24.extract.readers.AddressesReader;
import io.github.tapbitrix24.extract.readers.CategoriesReader;
import io.github.tapbitrix24.extract.readers.CurrenciesReader;
import io.github.tapbitrix24.extract.readers.FieldMetadataReader;
import io.github.tapbitrix24.extract.readers.LinksReader;
import io.github.tapbitrix24.extract.readers.OpenLinesReader;
import io.github.tapbitrix24.extract.readers.PerWorkgroupReader;
import io.github.tapbitrix24.extract.scheduler.Scheduler;
import io.github.tapbitrix24.extract.spi.StreamReader;
import io.github.tapbitrix24.streams.ListApi;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which {@link StreamReader} reads each API family. Every family but
 * {@link ListApi#DEAL_CHILDREN} has a reader here; per-deal children register theirs with
 * {@link #with(ListApi, StreamReader)}.
 */
public final class ReaderRegistry {
    private final Map<ListApi, StreamReader> readers;

    private ReaderRegistry(Map<ListApi, StreamReader> readers) {
        this.readers = readers;
    }

    public static ReaderRegistry standard(BitrixApi api, Clock clock, Sleeper sleeper) {
        Map<ListApi, StreamReader> m = new EnumMap<>(ListApi.class);
        KeysetStreamReader keyset = new KeysetStreamReader(new KeysetPager(api, sleeper), clock);
        m.put(ListApi.CRM_LIST, keyset);
        m.put(ListApi.CRM_ITEM_LIST, keyset);
        m.put(ListApi.STAGE_HISTORY, keyset);
        m.put(ListApi.USER_GET, keyset);
        m.put(ListApi.VOXIMPLANT_STATISTIC, keyset);
        m.put(ListApi.TASK_LIST, keyset);
        m.put(ListApi.ELAPSED_ITEM_LIST, new IdWindowReader(api, sleeper));
        m.put(ListApi.SONET_GROUP_GET, keyset);
        m.put(ListApi.PER_WORKGROUP, new PerWorkgroupReader(api, sleeper));
        m.put(ListApi.DEPARTMENT_GET, OffsetPagedReader.departments(api, sleeper));
        m.put(ListApi.TYPE_LIST, OffsetPagedReader.types(api, sleeper));
        m.put(ListApi.STATUS_LIST, OffsetPagedReader.statuses(api, sleeper));
        m.put(ListApi.OPENLINES_CONFIG, new OpenLinesReader(api));
        m.put(ListApi.FIELD_METADATA, new FieldMetadataReader(api));
        m.put(ListApi.CATEGORY_LIST, new CategoriesReader(api));
        m.put(ListApi.CURRENCY_LIST, new CurrenciesReader(api));
        m.put(ListApi.ADDRESS_LIST, new AddressesReader(api, sleeper));
        m.put(ListApi.CRM_LINKS, new LinksReader(keyset));
        return new ReaderRegistry(m);
    }

    /**
     * A copy with the per-parent children's readers added ({@link DealChildrenReader#readers}), which
     * wrap this registry's reader of {@link ListApi#CRM_LIST}.
     */
    public ReaderRegistry withChildren(BitrixApi api, TapConfig config, Clock clock, Sleeper sleeper,
                                       Scheduler scheduler) {
        StreamReader keyset = forApi(ListApi.CRM_LIST).orElseThrow(
                () -> new IllegalStateException("the registry has no reader for " + ListApi.CRM_LIST));
        Map<ListApi, StreamReader> m = new EnumMap<>(readers);
        m.putAll(DealChildrenReader.readers(keyset, api, config, clock, sleeper, scheduler));
        return new ReaderRegistry(m);
    }

    /** A copy with {@code reader} serving {@code api}. */
    public ReaderRegistry with(ListApi api, StreamReader reader) {
        Map<ListApi, StreamReader> m = new EnumMap<>(readers);
        m.put(api, reader);
        return new ReaderRegistry(m);
    }

    public Optional<StreamReader> forApi(ListApi api) {
        return Optional.ofNullable(readers.get(api));
    }
}

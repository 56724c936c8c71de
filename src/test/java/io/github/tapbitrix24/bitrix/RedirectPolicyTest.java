package io.github.tapbitrix24.bitrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hosts a redirect may take the secret to: the same host, or the same Bitrix24 cloud domain. */
class RedirectPolicyTest {
    @Test
    void aRenameInsideTheSameCloudDomainIsFollowed() {
        assertTrue(RedirectPolicy.allows("acme.bitrix24.com", "acme-crm.bitrix24.com"));
        assertTrue(RedirectPolicy.allows("acme.bitrix24.com.br", "new.bitrix24.com.br"));
        assertTrue(RedirectPolicy.allows("ACME.bitrix24.de", "acme2.Bitrix24.de."));
    }

    @Test
    void theSameHostIsFollowed() {
        assertTrue(RedirectPolicy.allows("crm.example.org", "crm.example.org"));
        assertTrue(RedirectPolicy.allows("127.0.0.1", "127.0.0.1"));
    }

    @Test
    void anyOtherHostIsRefused() {
        assertFalse(RedirectPolicy.allows("acme.bitrix24.com", "acme.bitrix24.de"));
        assertFalse(RedirectPolicy.allows("acme.bitrix24.com", "bitrix24.com.evil.io"));
        assertFalse(RedirectPolicy.allows("acme.bitrix24.com", "evilbitrix24.com"));
        assertFalse(RedirectPolicy.allows("crm.example.org", "other.example.org"));
        assertFalse(RedirectPolicy.allows("127.0.0.1", "localhost"));
        assertFalse(RedirectPolicy.allows("acme.bitrix24.com", "login.proxy.corp"));
    }

    @Test
    void theCloudDomainStartsAtTheBitrix24Label() {
        assertEquals(Optional.of("bitrix24.com.br"), RedirectPolicy.cloudDomain("acme.bitrix24.com.br"));
        assertEquals(Optional.empty(), RedirectPolicy.cloudDomain("bitrix24.com"));
        assertEquals(Optional.empty(), RedirectPolicy.cloudDomain("crm.example.org"));
    }
}

package org.kvgraph.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DutchDatesTest {
    @Test
    void parsesDutchDates() {
        assertEquals(LocalDate.of(2025, 5, 22), DutchDates.parse("22 mei 2025"));
        assertEquals(LocalDate.of(2023, 9, 14), DutchDates.parse(" 14  september\n2023 "));
        assertEquals(LocalDate.of(2024, 3, 1), DutchDates.find("NOS, d.d. 1 maart 2024, «Kritiek»").orElseThrow());
    }

    @Test
    void refusesDaysThatDoNotExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DutchDates.parse("31 februari 2023"));
        assertTrue(e.getMessage().contains("31 februari 2023"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DutchDates.parse("22 mai 2025"));
    }
}

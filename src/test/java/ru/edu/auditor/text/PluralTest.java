package ru.edu.auditor.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PluralTest {
    private static String teachers(long n) { return Plural.count(n, "педагог", "педагога", "педагогов"); }

    @Test
    void nounsAgreeWithTheLastDigitsOfTheNumber() {
        assertEquals("0 педагогов", teachers(0));
        assertEquals("1 педагог", teachers(1));
        assertEquals("2 педагога", teachers(2));
        assertEquals("4 педагога", teachers(4));
        assertEquals("5 педагогов", teachers(5));
        assertEquals("11 педагогов", teachers(11));
        assertEquals("12 педагогов", teachers(12));
        assertEquals("13 педагогов", teachers(13));
        assertEquals("14 педагогов", teachers(14));
        assertEquals("21 педагог", teachers(21));
        assertEquals("22 педагога", teachers(22));
        assertEquals("101 педагог", teachers(101));
        assertEquals("111 педагогов", teachers(111));
        assertEquals("112 педагогов", teachers(112));
        assertEquals("1\u00a0001 педагог", teachers(1001), "thousands apart, by a no-break space");
        assertEquals("педагога", Plural.form(-2, "педагог", "педагога", "педагогов"));
    }

    @Test
    void verbsAgreeWithTheNumberAsSubject() {
        assertEquals("не выполняет 1 из 12", "не " + Plural.verb(1, "выполняет", "выполняют") + " 1 из 12");
        assertEquals("не выполняют 2 из 12", "не " + Plural.verb(2, "выполняет", "выполняют") + " 2 из 12");
        assertEquals("выполняют", Plural.verb(5, "выполняет", "выполняют"));
        assertEquals("выполняют", Plural.verb(11, "выполняет", "выполняют"));
        assertEquals("выполняет", Plural.verb(21, "выполняет", "выполняют"));
        assertEquals("выполняют", Plural.verb(111, "выполняет", "выполняют"));
        assertEquals("снизился показатель", Plural.verb(1, "снизился показатель", "снизились показатели"));
        assertEquals("снизились показатели", Plural.verb(3, "снизился показатель", "снизились показатели"));
    }

    @Test
    void groupNamesAfterOfAgreeWithTheWhole() {
        assertEquals("педагогического работника", Plural.ofGenitive(21, "педагогических работников"));
        assertEquals("педагогических работников", Plural.ofGenitive(12, "педагогических работников"));
        assertEquals("служебного чата", Plural.ofGenitive(1, "служебных чатов"));
        assertEquals("полных недель", Plural.ofGenitive(11, "полных недель"));
        assertEquals("кого-то ещё", Plural.ofGenitive(1, "кого-то ещё"));
    }
}

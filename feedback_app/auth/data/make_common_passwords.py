"""Write common_passwords.txt: passwords of 12 or more characters that guessers try first.

Run `python feedback_app/auth/data/make_common_passwords.py` after changing the
lists below. Nothing is downloaded: the list is built from the patterns that
every published study of leaked passwords finds at the top (a common word or
name, then a year, "123" or "!"; keyboard walks; a word typed twice), with UK
football clubs and words from this service's own world added, because staff
reach for those. Shorter passwords need no list: the length rule refuses them.

Entries are compared normalised (see `passwords.normalise`), so "P@ssw0rd2024!"
is caught by the line "password2024".
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from feedback_app.auth.passwords import MIN_LENGTH  # noqa: E402

WORDS = """
password passwd passw0rd pass qwerty qwertyuiop azerty asdfgh asdfghjkl zxcvbn zxcvbnm
iloveyou loveyou lovely letmein welcome welcome1 admin administrator root login master
monkey dragon football baseball soccer cricket rugby hockey tennis golf sunshine princess
shadow superman batman spiderman ironman starwars pokemon minecraft fortnite roblox
trustno1 whatever freedom flower cookie chocolate chicken cheese banana orange apple
summer winter spring autumn january february march april may june july august september
october november december monday tuesday wednesday thursday friday saturday sunday
michael jennifer jessica charlie thomas daniel andrew joshua matthew robert william
george harry oliver jack james emily sophie olivia amelia chloe jordan ashley hannah
samantha elizabeth charlotte jasmine lauren rebecca sarah natasha nicole michelle
liverpool arsenal chelsea everton tottenham manchester manutd mancity united leeds
newcastle villa westham celtic rangers england scotland wales ireland london britain
secret changeme default computer internet hello hellohello goodbye blessed jesus
heaven angel angels family mother father mummy daddy sister brother friends forever
happy smile lucky killer hunter tigger pepper ginger buster maggie molly bailey daisy
teddy rocket silver golden diamond purple yellow summertime christmas easter holiday
qazwsx 1qaz2wsx q1w2e3r4 1q2w3e4r zaq12wsx abc abcd abcdef 123abc abc123 access
council social socialwork socialworker fostercare foster children childcare review
reviews iro feedback tellus tellusw safeguarding safeguard caseworker teamleader
manager office officer office365 outlook microsoft windows laptop staff helpdesk
""".split()

SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "!", "!!", "1!",
            "123!", "@123", "#1", "01", "007", "69", "99", "11", "22", "2", "x", "xx"]
YEARS = [str(year) for year in range(1960, 2036)]

WALKS = """
123456789012 1234567890123 12345678901234 123456789123 123123123123 111111111111
000000000000 121212121212 123412341234 987654321098 098765432109 112233445566
qwertyuiop12 qwertyuiop123 qwertyuiop1234 qwertyuiopas qwertyuiopasd qwertyuiopasdf
qwertyuiopasdfghjkl qwertyuiopasdfghjklzxcvbnm asdfghjkl123 asdfghjkl1234 zxcvbnm12345
1q2w3e4r5t6y 1q2w3e4r5t6y7u 1qaz2wsx3edc 1qaz2wsx3edc4rfv qazwsxedcrfv zaq1xsw2cde3
q1w2e3r4t5y6 qweasdzxc123 qwerty123456 qwertyqwerty asdfasdfasdf abcdefghijkl
abcdefghijklm abc123abc123 abcd1234abcd a1b2c3d4e5f6 aaaaaaaaaaaa passwordpassword
correcthorsebatterystaple thequickbrownfox thequickbrownfoxjumps iloveyouforever
iloveyoutoo iloveyousomuch iloveyoubaby ilovemymum ilovemymom ilovemydad ilovemyfamily
ilovemykids ilovemydog ilovemycat ilovejesus jesuslovesme godisgood godbless letmeinnow
letmeinplease changemenow changeme1234 changethis123 pleaseletmein opensesame
doesntmatter nevergiveup neverforget whatever1234 trustnoone123 iamthebest youareawesome
mypassword123 mypasswordis thisismypassword newpassword123 mynewpassword oldpassword123
temppassword temporary123 welcometothejungle welcomehome1 supersecret123 topsecret1234
administrator1 adminadmin123 rootroot1234 useruser1234 testtest1234 test12345678
""".split()


def candidates() -> set[str]:
    found: set[str] = set(WALKS)
    for word in WORDS:
        for suffix in SUFFIXES + YEARS + [year + "!" for year in YEARS[40:]]:
            found.add(word + suffix)
        found.add(word + word)
        found.add(word + word + "1")
        found.add("my" + word + "123")
        found.add("ilove" + word)
        found.add("ilove" + word + "123")
    return found


def main() -> None:
    entries = sorted(c for c in candidates() if len(c) >= MIN_LENGTH)
    target = Path(__file__).with_name("common_passwords.txt")
    target.write_text("\n".join(entries) + "\n", encoding="utf-8")
    print(f"{len(entries)} passwords written to {target}")


if __name__ == "__main__":
    main()

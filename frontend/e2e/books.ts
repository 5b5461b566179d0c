/** Sample books the list tests seed: each test run starts from an empty database. */

export const LE_GUIN = {
  author: "Ursula K. Le Guin",
  books: [
    ["Rocannon's World", "1966-05-01"],
    ["Planet of Exile", "1966-09-01"],
    ["City of Illusions", "1967-06-01"],
    ["A Wizard of Earthsea", "1968-11-01"],
    ["The Left Hand of Darkness", "1969-03-01"],
    ["The Tombs of Atuan", "1970-12-01"],
    ["The Lathe of Heaven", "1971-10-01"],
    ["The Farthest Shore", "1972-09-01"],
    ["The Word for World Is Forest", "1972-03-01"],
    ["The Dispossessed", "1974-05-01"],
    ["The Eye of the Heron", "1978-01-01"],
    ["Malafrena", "1979-09-01"],
    ["The Beginning Place", "1980-03-01"],
    ["Always Coming Home", "1985-09-01"],
    ["Tehanu", "1990-02-01"],
  ],
} as const;

export const PRATCHETT = {
  author: "Terry Pratchett",
  books: [
    ["The Colour of Magic", "1983-11-24"],
    ["The Light Fantastic", "1986-06-02"],
    ["Equal Rites", "1987-01-08"],
    ["Mort", "1987-11-12"],
    ["Sourcery", "1988-05-05"],
    ["Wyrd Sisters", "1988-11-12"],
    ["Pyramids", "1989-06-15"],
    ["Guards! Guards!", "1989-11-16"],
    ["Eric", "1990-08-23"],
    ["Moving Pictures", "1990-11-08"],
  ],
} as const;

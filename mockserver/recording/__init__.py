"""``crocodial-mock record``: a proxy in front of a real CrocoDial that writes what it answers as stub
files ``serve --mappings`` replays, with credentials removed and personal data pseudonymised."""

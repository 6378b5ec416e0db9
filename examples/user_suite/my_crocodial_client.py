"""A tiny CrocoDial client: the code of yours that the emulator lets you test without a call centre."""

import xml.etree.ElementTree as ET

import requests


class CrocoDialError(Exception):
    """CrocoDial said no. It does so with HTTP 200 and an error envelope, never with a 4xx."""


class CrocoDial:
    def __init__(self, base_url, user, password):
        self.base_url, self.user, self.password = base_url.rstrip("/"), user, password

    def _goapi(self, module, action, responsetype="json", **params):
        url = f"{self.base_url}/goAPIv2/{module}/goAPI.php"
        data = {"goAction": action, "goUser": self.user, "goPass": self.password,
                "responsetype": responsetype, **params}
        answer = requests.post(url, data=data, timeout=30)
        answer.raise_for_status()
        return answer

    def _json(self, module, action, **params):
        body = self._goapi(module, action, **params).json()
        if body.get("result") != "success":
            raise CrocoDialError(body.get("message", "unknown error"))
        return body

    def outbound_calls(self, day):
        """Every outbound call of one day (YYYY-MM-DD), from the outbound_cdr report."""
        return self._json("goReports", "outbound_cdr", fromDate=day, toDate=day)["data"]["rows"]

    def add_lead(self, list_id, phone_number, first_name, last_name):
        """Load a lead through lmapi; returns its lead_id."""
        params = {"function": "add_lead", "user": self.user, "pass": self.password, "source": "crm",
                  "list_id": list_id, "phone_number": phone_number,
                  "first_name": first_name, "last_name": last_name}
        line = requests.get(f"{self.base_url}/API/lmapi.php", params=params, timeout=30).text
        if not line.startswith("SUCCESS"):
            raise CrocoDialError(line.strip())
        return int(line.split("|")[3])  # SUCCESS: add_lead LEAD HAS BEEN ADDED - phone|user|list|id|...

    def customer(self, phone_number):
        """The lead an agent would see for this phone number."""
        return self._json("goAgent", "goGetCustomerInfo", phone_number=phone_number)["lead_info"]

    def user_names(self):
        """The names of all users, read from the XML answer."""
        root = ET.fromstring(self._goapi("goUsers", "goGetAllUsers", responsetype="xml").content)
        return [user.findtext("user") for user in root.iter("user_list")]

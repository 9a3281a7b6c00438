"""Regenerate the previous cycle of the Jawa Timur sample (the 2023 evaluation) and its
follow-up workbook as the secretariat updated it by January 2025.

    python samples/make_previous.py

- samples/jatim-2023.yaml: the 2023 evaluation (periods 2022-2023, documents dated 15 January
  2024) with its recommendations and actions as planned then;
- samples/tindak-lanjut-2023.xlsx: ``evalreport followup samples/jatim-2023.yaml`` with the
  latest statuses filled in: actions done, late (deadline passed, not done) and still open.

Render this cycle with it: ``evalreport render samples/jatim.xlsx --previous
samples/tindak-lanjut-2023.xlsx -o out/``.
"""
from pathlib import Path

import yaml

from evalreport.data.followup import ActionUpdate, followup_workbook, from_dataset
from evalreport.data.load import load
from evalreport.output import write_bytes, write_text

HERE = Path(__file__).parent

RECOMMENDATIONS = [
    dict(code="R23-01", region="3526", priority="high", addressed_to="Bakesbangpol Kab. Bangkalan",
         text="Menyusun peta kerawanan konflik sosial tingkat desa dan menetapkan desa prioritas "
              "pembentukan Sistem Kewaspadaan Dini Konflik (SKDK)."),
    dict(code="R23-02", region="3526", priority="medium",
         addressed_to="Dinas Komunikasi dan Informatika Kabupaten Bangkalan",
         text="Membuka kanal pengaduan masyarakat bidang kesatuan bangsa dan politik di setiap "
              "kecamatan dan menetapkan batas waktu tindak lanjutnya."),
    dict(code="R23-03", region="3509", priority="high", addressed_to="Bakesbangpol Kab. Jember",
         text="Membentuk tim koordinasi penanganan konflik agraria bersama Kantor Pertanahan "
              "Kabupaten Jember."),
    dict(code="R23-04", region="3509", priority="low", addressed_to="FKUB Kabupaten Jember",
         text="Menjadwalkan rapat pleno FKUB sekurang-kurangnya setiap triwulan dan "
              "mengusulkan anggaran hibahnya."),
    dict(code="R23-05", region="3507", priority="medium", addressed_to="Bakesbangpol Kab. Malang",
         text="Memperluas forum warga ke kecamatan dengan partisipasi terendah dan mengundang "
              "perempuan secara langsung."),
    dict(code="R23-06", priority="medium",
         addressed_to="Badan Kesatuan Bangsa dan Politik Provinsi Jawa Timur",
         text="Menyusun pedoman pelaporan indikator ketahanan sosial dan politik bagi "
              "kabupaten/kota dengan definisi operasional yang seragam."),
]
# code, recommendation, region, activity, responsible, deadline, success, budget
ACTIONS = [
    ("TL23-01", "R23-01", "3526", "Penyusunan peta kerawanan konflik sosial 281 desa/kelurahan",
     "Bakesbangpol Kab. Bangkalan", "2024-06-30", "Peta kerawanan ditetapkan Bupati", 45_000_000),
    ("TL23-02", "R23-01", "3526", "Pembentukan SKDK di 20 desa prioritas",
     "Bakesbangpol Kab. Bangkalan", "2024-09-30", "20 desa dengan SKDK aktif", 90_000_000),
    ("TL23-03", "R23-02", "3526", "Pembukaan kanal pengaduan di 18 kecamatan",
     "Diskominfo Kab. Bangkalan", "2024-12-31", "Kanal aktif di 18 kecamatan", 30_000_000),
    ("TL23-04", "R23-02", "3526", "Penetapan standar waktu tindak lanjut pengaduan (14 hari)",
     "Diskominfo Kab. Bangkalan", "2025-03-31", "Surat Edaran Bupati ditetapkan", 5_000_000),
    ("TL23-05", "R23-03", "3509", "Penetapan Keputusan Bupati tentang tim koordinasi konflik agraria",
     "Bakesbangpol Kab. Jember", "2024-03-31", "Keputusan Bupati ditetapkan", 10_000_000),
    ("TL23-06", "R23-04", "3509", "Penganggaran hibah FKUB untuk empat rapat pleno",
     "Bakesbangpol Kab. Jember", "2024-04-30", "Hibah FKUB dalam APBD 2024", 60_000_000),
    ("TL23-07", "R23-05", "3507", "Forum warga di 6 kecamatan dengan partisipasi terendah",
     "Bakesbangpol Kab. Malang", "2024-11-30", "6 forum terlaksana, 40% peserta perempuan",
     75_000_000),
    ("TL23-08", "R23-06", None, "Penyusunan pedoman pelaporan indikator ketahanan sosial dan politik",
     "Bakesbangpol Provinsi Jawa Timur", "2024-08-31", "Pedoman ditetapkan Kepala Badan",
     40_000_000),
]
# the follow-up recorded by January 2025: done, late (not done after the deadline), open
UPDATES = [
    ("TL23-01", "sesuai", 100, "Keputusan Bupati Bangkalan Nomor 188.45/112/KPTS/433.013/2024"),
    ("TL23-02", "belum_sesuai", 55, "SKDK aktif di 11 dari 20 desa prioritas"),
    ("TL23-03", "belum_ditindaklanjuti", 0, None),
    ("TL23-04", "belum_sesuai", 30, "Rancangan Surat Edaran dalam pembahasan"),
    ("TL23-05", "sesuai", 100, "Keputusan Bupati Jember Nomor 188.45/76/1.12/2024"),
    ("TL23-06", "tidak_dapat_ditindaklanjuti", 0,
     "Hibah tidak dapat dianggarkan pada APBD Perubahan 2024; diusulkan kembali untuk 2025"),
    ("TL23-07", "belum_sesuai", 70, "4 dari 6 forum terlaksana; 37% peserta perempuan"),
]


def previous_dataset() -> dict:
    """The 2023 evaluation: this cycle's dataset moved one year back."""
    raw = yaml.safe_load((HERE / "jatim.yaml").read_text(encoding="utf-8"))
    p = raw["programme"]
    p["periods"], p["current_period"] = ["2022", "2023"], "2023"
    for key in ("conclusions", "objectives", "scope", "background", "purpose"):
        p.pop(key, None)
    d = raw["document"]
    d["date"], d["status_date"] = "2024-01-15", "2024-01-10"
    for key in ("number",):
        d.pop(key, None)
    raw["observations"] = [o for o in raw["observations"] if str(o["period"]) != "2024"]
    raw["targets"] = [t for t in raw.get("targets", []) if str(t.get("period") or "") != "2024"]
    raw["findings"] = []
    raw["recommendations"] = RECOMMENDATIONS
    raw["actions"] = [
        dict(code=c, recommendation=r, **({"region": g} if g else {}), activity=a, responsible=resp,
             deadline=dl, success_indicator=s, budget=b, status="belum_ditindaklanjuti", progress=0)
        for c, r, g, a, resp, dl, s, b in ACTIONS]
    for r in raw["regions"]:
        r.pop("document_number", None)
    return raw


if __name__ == "__main__":
    header = ("# The 2023 evaluation of the Jawa Timur sample (the cycle before samples/jatim.yaml),\n"
              "# generated by samples/make_previous.py.\n")
    write_text(HERE / "jatim-2023.yaml",
               header + yaml.safe_dump(previous_dataset(), allow_unicode=True, sort_keys=False, width=100))
    previous = from_dataset(load(HERE / "jatim-2023.yaml"))
    previous.updates = [ActionUpdate(action=c, status=s, progress=p, evidence=e) for c, s, p, e in UPDATES]
    write_bytes(HERE / "tindak-lanjut-2023.xlsx", followup_workbook(previous))
    print(HERE / "jatim-2023.yaml")
    print(HERE / "tindak-lanjut-2023.xlsx")

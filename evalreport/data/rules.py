"""Rules that draft findings and recommendations for the targets a region missed.

A rule file is YAML (``evalreport rules export`` writes the bundled one to copy and edit)::

    rules:
      - code: KP                      # the rule's name, used in the drafts' codes
        when:                         # every condition given must hold (all optional)
          dimension: Kepercayaan Publik   # dimension code or name, or a list of them
          indicator: [KP01, KP02]     # indicator codes
          met: false                  # target met (true) or missed (false)
          assessed: true              # false: no actual value or no target (a data gap)
          band: [Rendah, Sangat Rendah]   # the indicator's achievement band
          achievement_below: 90       # achievement (%) below this
          achievement_at_least: 50    # achievement (%) at or above this
          trend: [worse, same]        # since the last period: better, worse, same
          data_status: [provisional, estimate]   # final, provisional, estimate
        finding:                      # texts with {fields}, see FIELDS
          title: "{indicator_name} belum mencapai target"
          condition: "..."
          criterion: "..."
          cause: "..."
          effect: "..."
          dac: effectiveness          # OECD-DAC criterion (optional)
        recommendation:
          text: "..."
          addressed_to: "Bakesbangpol {region}"
          priority: medium            # high, medium, low
          priority_when_worse: high   # optional: the priority when the indicator worsened

For each region and each reported indicator of the current period, the first rule whose
conditions hold drafts one finding and one recommendation (status ``usulan``); an indicator no
rule matches gets none. Texts may use the fields in :data:`FIELDS`; an unknown field is an error
when the rules are loaded, with its rule and text.
"""
from __future__ import annotations

import string
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BeforeValidator, Field, ValidationError, field_validator

from ..errors import DataError, Location, Problem
from ..i18n.messages import _
from .model import Code, DacCriterion, DataStatus, Priority, _Model, _none_if_blank

__all__ = ["FIELDS", "Rule", "RuleSet", "load_rules", "bundled_rules", "BUNDLED_RULES"]

# The fields a rule's texts may use, with what they hold.
FIELDS: dict[str, str] = {
    "region": "nama wilayah, mis. Kabupaten Bangkalan",
    "region_code": "kode wilayah",
    "agency": "instansi pelaksana evaluasi",
    "period": "periode yang dievaluasi",
    "previous_period": "periode sebelumnya (– bila tidak ada)",
    "indicator": "kode indikator",
    "indicator_name": "nama indikator",
    "dimension": "nama dimensi",
    "unit": "satuan",
    "target": "target dengan pembanding, mis. ≥ 70,00",
    "actual": "realisasi, mis. 64,20",
    "achievement": "capaian, mis. 91,71%",
    "band": "predikat capaian",
    "previous_actual": "realisasi periode sebelumnya",
    "change": "perubahan terhadap periode sebelumnya, mis. −1,20",
    "trend": "membaik / memburuk / tetap",
    "source": "sumber data indikator",
}


def _listed(v: Any) -> Any:
    if v is None:
        return []
    return [v] if isinstance(v, (str, int, float)) else v


Listed = Annotated[list[str], BeforeValidator(_listed)]


class Conditions(_Model):
    """When a rule applies (every condition given must hold)."""

    dimension: Listed = Field(default_factory=list)
    indicator: Listed = Field(default_factory=list)
    met: bool | None = None
    assessed: bool | None = None
    band: Listed = Field(default_factory=list)
    achievement_below: float | None = None
    achievement_at_least: float | None = None
    trend: Listed = Field(default_factory=list)
    data_status: Annotated[list[Annotated[DataStatus, BeforeValidator(DataStatus.parse)]],
                           BeforeValidator(_listed)] = Field(
        default_factory=list)

    @field_validator("trend")
    @classmethod
    def _trend(cls, v: list[str]) -> list[str]:
        bad = [t for t in v if t not in ("better", "worse", "same")]
        if bad:
            raise ValueError(f"trend is better, worse or same, not {', '.join(bad)}")
        return v


class FindingDraft(_Model):
    title: str
    condition: str
    criterion: str
    cause: str
    effect: str
    dac: Annotated[DacCriterion | None,
                   BeforeValidator(lambda v: DacCriterion.parse(_none_if_blank(v)))] = None


class RecommendationDraft(_Model):
    text: str
    addressed_to: str
    priority: Annotated[Priority, BeforeValidator(Priority.parse)] = Priority.MEDIUM
    priority_when_worse: Annotated[Priority | None, BeforeValidator(
        lambda v: Priority.parse(_none_if_blank(v)))] = None


class Rule(_Model):
    """One rule: when it applies, and the finding and recommendation it drafts."""

    code: Code
    when: Conditions = Field(default_factory=Conditions)
    finding: FindingDraft
    recommendation: RecommendationDraft

    def texts(self) -> dict[str, str]:
        """Every text of the rule that is filled in, by its place ('finding.title')."""
        out = {f"finding.{k}": v for k, v in self.finding.model_dump().items() if isinstance(v, str)}
        out.update({f"recommendation.{k}": v for k, v in self.recommendation.model_dump().items()
                    if k in ("text", "addressed_to")})
        return out


class RuleSet(_Model):
    """An ordered list of rules (the first that applies wins)."""

    rules: list[Rule] = Field(min_length=1)


def _fields_of(text: str) -> list[str]:
    return [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None]


def parse_rules(raw: Any, file: str = "<rules>") -> RuleSet:
    """Validate rules given as a plain dict; raises :class:`DataError` with every problem."""
    try:
        rules = RuleSet.model_validate(raw)
    except ValidationError as exc:
        raise DataError([Problem(Location(file, path=".".join(str(p) for p in e["loc"])),
                                 _("invalid value: {detail}", detail=e["msg"]), code="invalid-rule")
                         for e in exc.errors()]) from None
    problems = []
    for n, rule in enumerate(rules.rules):
        for place, text in rule.texts().items():
            try:
                names = _fields_of(text)
            except ValueError as exc:
                problems.append(Problem(Location(file, path=f"rules.{n}.{place}"), _(
                    "rule {code}: badly formed text: {detail}", code=rule.code, detail=str(exc)),
                    code="invalid-rule"))
                continue
            for name in names:
                if name not in FIELDS:
                    problems.append(Problem(Location(file, path=f"rules.{n}.{place}"), _(
                        "rule {code}: unknown field {{{name}}}; known: {known}", code=rule.code,
                        name=name, known=", ".join(FIELDS)), code="invalid-rule"))
    if problems:
        raise DataError(problems)
    return rules


def load_rules(path: str | Path) -> RuleSet:
    """Read a rule file (YAML)."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataError([Problem(Location(str(path)), _("cannot read the rules: {detail}",
                                                        detail=str(exc)), code="invalid-rule")]) from None
    return parse_rules(raw, str(path))


def bundled_rules() -> RuleSet:
    """The bundled Indonesian rules for the programme's five dimensions."""
    return parse_rules(yaml.safe_load(BUNDLED_RULES), "evalreport:aturan-bawaan.yaml")


BUNDLED_RULES = """\
# Aturan usulan temuan dan rekomendasi (bawaan evalreport), untuk lima dimensi Program Penguatan
# Ketahanan Sosial dan Politik. Salin dengan `evalreport rules export aturan.yaml`, ubah, lalu
# pakai dengan `evalreport recommend data.xlsx --rules aturan.yaml -o usulan.xlsx`.
# Setiap indikator pada setiap wilayah memakai aturan PERTAMA yang kondisinya terpenuhi.
# Isian teks: {region} {region_code} {agency} {period} {previous_period} {indicator}
# {indicator_name} {dimension} {unit} {target} {actual} {achievement} {band} {previous_actual}
# {change} {trend} {source}.
rules:
  - code: DATA
    when: {assessed: false}
    finding:
      title: "Data {indicator_name} belum tersedia"
      condition: >-
        Realisasi atau target indikator {indicator_name} di {region} pada periode {period} belum
        tersedia, sehingga capaian indikator ini belum dapat dinilai.
      criterion: >-
        Setiap indikator kinerja program harus dapat diukur dan ditelusuri ke sumber datanya
        pada setiap periode evaluasi.
      cause: Pengumpulan dan pelaporan data indikator dari perangkat daerah terkait belum lengkap.
      effect: >-
        Capaian dimensi {dimension} di {region} tidak dapat dinilai secara utuh dan tidak dapat
        dibandingkan antarperiode maupun antarwilayah.
      dac: effectiveness
    recommendation:
      text: >-
        Melengkapi data {indicator_name} periode {period} beserta sumbernya ({source}) dan
        menetapkan jadwal pelaporan data indikator secara berkala.
      addressed_to: Bakesbangpol {region}
      priority: medium

  - code: KP
    when: {dimension: Kepercayaan Publik, met: false}
    finding:
      title: "{indicator_name} belum mencapai target"
      condition: >-
        Realisasi {indicator_name} di {region} pada periode {period} sebesar {actual} terhadap
        target {target} (capaian {achievement}, predikat {band}).
      criterion: Target indikator {target} pada dimensi Kepercayaan Publik.
      cause: >-
        Tindak lanjut pengaduan dan penyampaian informasi kepada warga belum cukup cepat dan belum
        menjangkau seluruh kelompok masyarakat.
      effect: >-
        Kepercayaan warga terhadap daya tanggap pemerintah daerah belum sesuai harapan, sehingga
        dukungan terhadap program dapat melemah.
      dac: effectiveness
    recommendation:
      text: >-
        Mempercepat tindak lanjut pengaduan masyarakat, mempublikasikan rekap tindak lanjutnya
        secara berkala, dan memperluas kanal pengaduan hingga tingkat desa/kelurahan agar target
        {indicator_name} tercapai.
      addressed_to: Bakesbangpol {region}
      priority: medium
      priority_when_worse: high

  - code: KS
    when: {dimension: Konflik Sosial, met: false}
    finding:
      title: "{indicator_name} belum mencapai target"
      condition: >-
        Realisasi {indicator_name} di {region} pada periode {period} sebesar {actual} terhadap
        target {target} (capaian {achievement}, predikat {band}).
      criterion: Target indikator {target} pada dimensi Konflik Sosial.
      cause: >-
        Deteksi dini dan koordinasi penanganan konflik sosial antarperangkat daerah, aparat dan
        forum kerukunan belum berjalan rutin.
      effect: >-
        Potensi konflik sosial belum tertangani sejak dini dan dapat meluas menjadi gangguan
        ketenteraman masyarakat.
      dac: effectiveness
    recommendation:
      text: >-
        Memperkuat Tim Terpadu Penanganan Konflik Sosial dengan rapat koordinasi berkala,
        memperluas Sistem Kewaspadaan Dini Konflik ke wilayah rawan, dan menetapkan batas waktu
        penanganan kasus agar target {indicator_name} tercapai.
      addressed_to: Bakesbangpol {region}
      priority: high

  - code: PA
    when: {dimension: Partisipasi, met: false}
    finding:
      title: "{indicator_name} belum mencapai target"
      condition: >-
        Realisasi {indicator_name} di {region} pada periode {period} sebesar {actual} terhadap
        target {target} (capaian {achievement}, predikat {band}).
      criterion: Target indikator {target} pada dimensi Partisipasi.
      cause: >-
        Jadwal, tempat dan cara mengundang warga ke forum warga belum memudahkan keikutsertaan,
        terutama bagi perempuan dan pemuda.
      effect: >-
        Aspirasi sebagian warga belum tersalurkan dalam perencanaan dan pengawasan program.
      dac: relevance
    recommendation:
      text: >-
        Menyelenggarakan forum warga dengan jadwal dan tempat yang mudah dijangkau, mengundang
        perempuan dan pemuda secara langsung, dan memantau kehadirannya agar target
        {indicator_name} tercapai.
      addressed_to: Bakesbangpol {region}
      priority: medium
      priority_when_worse: high

  - code: SP
    when: {dimension: Stabilitas Politik Lokal, met: false}
    finding:
      title: "{indicator_name} belum mencapai target"
      condition: >-
        Realisasi {indicator_name} di {region} pada periode {period} sebesar {actual} terhadap
        target {target} (capaian {achievement}, predikat {band}).
      criterion: Target indikator {target} pada dimensi Stabilitas Politik Lokal.
      cause: >-
        Pemetaan kerawanan dan koordinasi pengamanan tahapan pemilihan belum menjangkau seluruh
        wilayah.
      effect: >-
        Penyelenggaraan pemilihan dan pengisian jabatan berisiko terganggu sehingga stabilitas
        politik lokal menurun.
      dac: effectiveness
    recommendation:
      text: >-
        Menyusun peta kerawanan tahapan pemilihan bersama penyelenggara pemilu dan aparat
        keamanan, serta mengaktifkan Sistem Kewaspadaan Dini Konflik di desa/kelurahan rawan
        agar target {indicator_name} tercapai.
      addressed_to: Bakesbangpol {region}
      priority: high

  - code: IN
    when: {dimension: Inklusi Sosial, met: false}
    finding:
      title: "{indicator_name} belum mencapai target"
      condition: >-
        Realisasi {indicator_name} di {region} pada periode {period} sebesar {actual} terhadap
        target {target} (capaian {achievement}, predikat {band}).
      criterion: Target indikator {target} pada dimensi Inklusi Sosial.
      cause: >-
        Data sasaran kelompok rentan belum mutakhir dan kegiatan program belum dirancang agar
        mudah diikuti oleh kelompok rentan.
      effect: >-
        Sebagian kelompok rentan belum memperoleh manfaat program sehingga kesenjangan sosial
        dapat melebar.
      dac: impact
    recommendation:
      text: >-
        Memadankan daftar sasaran kelompok rentan dengan data terpadu terbaru dan menyesuaikan
        bentuk kegiatan agar mudah diikuti oleh kelompok rentan, sehingga target
        {indicator_name} tercapai.
      addressed_to: Bakesbangpol {region}
      priority: medium
      priority_when_worse: high

  - code: UMUM
    when: {met: false}
    finding:
      title: "{indicator_name} belum mencapai target"
      condition: >-
        Realisasi {indicator_name} di {region} pada periode {period} sebesar {actual} terhadap
        target {target} (capaian {achievement}, predikat {band}).
      criterion: Target indikator {target} pada dimensi {dimension}.
      cause: Penyebab belum tercapainya target perlu dirumuskan oleh tim evaluasi.
      effect: Sasaran dimensi {dimension} di {region} belum sepenuhnya tercapai.
      dac: effectiveness
    recommendation:
      text: >-
        Menyusun langkah perbaikan untuk mencapai target {indicator_name} pada periode
        berikutnya.
      addressed_to: Bakesbangpol {region}
      priority: medium
      priority_when_worse: high
"""

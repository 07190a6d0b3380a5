// "Cite this ..." blocks: fill in the reader's access date (ISO, local day) wherever a citation asks for it.
document.addEventListener("DOMContentLoaded", () => {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  document.querySelectorAll(".cite-accessed").forEach((el) => { el.textContent = today; });
});

/** An error next to the control that caused it, announced as an alert. */
export function InlineError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-sm text-red-800">
      {message}
    </p>
  );
}

using System.Collections.Generic;

namespace Cdss.Api
{
    /// <summary>One page of a paged CDSS listing: its items and the paging fields the service sent.</summary>
    internal class ResultPage<T>
    {
        public ResultPage(IReadOnlyList<T> items, int requestedPage, int currentPage, int totalPage, bool isLast)
        {
            Items = items;
            RequestedPage = requestedPage;
            CurrentPage = currentPage;
            TotalPage = totalPage;
            IsLast = isLast;
        }

        public IReadOnlyList<T> Items { get; }

        /// <summary>The pageNo this page was asked for.</summary>
        public int RequestedPage { get; }

        /// <summary>currentPage as the service sent it; 0 when it did not say.</summary>
        public int CurrentPage { get; }

        /// <summary>0 when the service did not say.</summary>
        public int TotalPage { get; }

        public bool IsLast { get; }
    }
}
